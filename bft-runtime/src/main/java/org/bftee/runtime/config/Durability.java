package org.bftee.runtime.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a replica keeps on disk besides its checkpoints: the group file's {@code durability} setting,
 * the same for every replica of a group (docs/durability.md).
 */
public enum Durability {

    /**
     * Votes stay in memory. A replica restarted alone fetches what it lacks from the group; if every
     * replica stops at once, operations acknowledged after the last checkpoint every replica wrote may be
     * lost. The default.
     */
    MEMORY,
    /**
     * Every vote is appended to the replica's vote log and synced before the messages it justifies leave
     * (one sync per round of events): the group survives a crash of all its replicas with every
     * acknowledged operation. Needs a state directory.
     */
    SYNCED;

    public static final Durability DEFAULT = MEMORY;

    /** @throws IllegalArgumentException naming the choices, for a name that is none of them */
    public static Durability named(String name) {
        for (Durability mode : values()) {
            if (mode.configName().equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a durability mode; choose one of "
                + Arrays.stream(values()).map(Durability::configName).collect(Collectors.joining(", ")));
    }

    /** The name in configuration: {@code memory} or {@code synced}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
