package org.bftee.runtime.keys;

import org.bftee.runtime.config.GroupConfig;

/**
 * Who a key file belongs to: {@code replica-0}, {@code client-1000}. Written into every key file so
 * that a replica's keys cannot be mistaken for another principal's.
 */
public record Principal(Role role, int id) {

    public enum Role {
        REPLICA, CLIENT;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Principal {
        if (role == Role.REPLICA && (id < 0 || id > 3 * GroupConfig.F_MAX)) {
            throw new IllegalArgumentException("replica ids are 0.." + 3 * GroupConfig.F_MAX + ", got " + id);
        }
        if (role == Role.CLIENT && id < GroupConfig.CLIENT_ID_MIN) {
            throw new IllegalArgumentException("client ids start at " + GroupConfig.CLIENT_ID_MIN + ", got " + id);
        }
    }

    public static Principal replica(int id) {
        return new Principal(Role.REPLICA, id);
    }

    public static Principal client(int id) {
        return new Principal(Role.CLIENT, id);
    }

    /**
     * Parses {@code replica-N} or {@code client-N}.
     *
     * @throws IllegalArgumentException with a message saying what is expected
     */
    public static Principal parse(String text) {
        int dash = text.lastIndexOf('-');
        String id = dash < 0 ? "" : text.substring(dash + 1);
        if (dash < 0 || !id.matches("\\d{1,9}")) {
            throw new IllegalArgumentException("'" + text + "' is not replica-<id> or client-<id>");
        }
        return switch (text.substring(0, dash)) {
            case "replica" -> replica(Integer.parseInt(id));
            case "client" -> client(Integer.parseInt(id));
            default -> throw new IllegalArgumentException("'" + text + "' is not replica-<id> or client-<id>");
        };
    }

    @Override
    public String toString() {
        return role.label() + "-" + id;
    }
}
