package org.aftermath.notify;

/** A delivery attempt that did not get through; the message is shown on the admin page, so it never holds a secret. */
class DeliveryException extends Exception {

    DeliveryException(String message) {
        super(message);
    }
}
