package org.aftermath.backup;

/** A backup or restore that could not be done; the message is one line meant for the operator. */
public class BackupException extends RuntimeException {

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
