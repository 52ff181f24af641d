package org.aftermath.security;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The address a request came from, as the login throttle counts it: the peer, or the client a trusted reverse
 * proxy names in {@code X-Forwarded-For}/{@code Forwarded} (only with {@code quarkus.http.proxy.*} set).
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(HttpServerRequest request) {
        SocketAddress address = request == null ? null : request.remoteAddress();
        if (address == null) {
            return "unknown";
        }
        return address.hostAddress() != null ? address.hostAddress() : address.host();
    }
}
