package org.bftee.runtime.config;

import java.net.InetSocketAddress;

/**
 * A replica's network address as written in the group file: {@code host:port}, with IPv6
 * literals in brackets ({@code [::1]:7100}). Never resolved here; the transport resolves it.
 */
public record HostPort(String host, int port) {

    public HostPort {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside [1, 65535]");
        }
    }

    /**
     * Parses {@code text}; returns {@code null} when it is not a valid {@code host:port}, so the
     * caller can report the error against its file and field.
     */
    public static HostPort parseOrNull(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                return null;
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || text.indexOf(':') != colon) {
                return null;
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        if (host.isBlank() || !port.matches("\\d{1,5}")) {
            return null;
        }
        int portNumber = Integer.parseInt(port);
        return portNumber < 1 || portNumber > 65535 ? null : new HostPort(host, portNumber);
    }

    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
