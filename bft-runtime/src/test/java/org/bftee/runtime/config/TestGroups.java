package org.bftee.runtime.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.crypto.PrincipalKeys;
import org.bftee.core.crypto.PublicIdentity;
import org.bftee.runtime.config.GroupConfig.ClientEntry;
import org.bftee.runtime.config.GroupConfig.ReplicaEntry;

/** Deterministic groups and keys for tests. */
public final class TestGroups {

    private TestGroups() {
    }

    public static PrincipalKeys keys(long seed) {
        Random random = new Random(seed);
        return PrincipalKeys.generate(random::nextBytes);
    }

    public static PublicIdentity identity(long seed) {
        return keys(seed).publicIdentity();
    }

    /** A group of {@code 3f + 1} replicas on 127.0.0.1:7100.. and the given clients. */
    public static GroupConfig group(int f, int... clientIds) {
        List<ReplicaEntry> replicas = new ArrayList<>();
        for (int id = 0; id < 3 * f + 1; id++) {
            replicas.add(new ReplicaEntry(id, new HostPort("127.0.0.1", 7100 + id), identity(id)));
        }
        List<ClientEntry> clients = new ArrayList<>();
        for (int id : clientIds) {
            clients.add(new ClientEntry(id, identity(id)));
        }
        return new GroupConfig(7, f, replicas, clients, ProtocolLimits.defaults(), ProtocolTimeouts.defaults());
    }
}
