package org.bftee.it.support;

import java.util.ArrayList;
import java.util.List;
import org.bftee.core.crypto.PrincipalKeys;
import org.bftee.core.state.ObjectStoreLimits;
import org.bftee.runtime.config.GroupConfig;
import org.bftee.runtime.config.GroupConfigFile;
import org.bftee.runtime.config.ServiceChoice;
import org.bftee.runtime.driver.ReplicaDriver;
import org.bftee.runtime.keys.KeyFiles;
import org.bftee.runtime.keys.Principal;

/**
 * The replicas of the test group run in the test JVM, with the standalone runtime and the shipped
 * services, on the addresses and with the keys of {@link TestGroupFiles}: a real group on loopback
 * for an application server under test to reach. Closing stops every replica that was started, even
 * if starting a later one failed.
 */
public final class TestReplicas implements AutoCloseable {

    private final List<ReplicaDriver> replicas = new ArrayList<>();

    private TestReplicas() {
    }

    /** Starts all replicas of the group in {@code files}. */
    public static TestReplicas start(TestGroupFiles files) {
        GroupConfig group = GroupConfigFile.load(files.groupFile());
        TestReplicas started = new TestReplicas();
        try {
            for (int id = 0; id < group.n(); id++) {
                PrincipalKeys keys = KeyFiles.readPrivate(files.replicaKeyFile(id), Principal.replica(id));
                ReplicaDriver replica = new ReplicaDriver(group, id, keys, ServiceChoice.DEFAULT.create(),
                        ObjectStoreLimits.defaults(), null);
                started.replicas.add(replica);
                replica.start();
            }
            return started;
        } catch (RuntimeException failed) {
            started.close();
            throw failed;
        }
    }

    @Override
    public void close() {
        for (ReplicaDriver replica : replicas) {
            replica.close();
        }
        replicas.clear();
    }
}
