package org.bftee.runtime.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.crypto.PrincipalKeys;
import org.bftee.runtime.config.GroupConfig;
import org.bftee.runtime.config.HostPort;
import org.bftee.runtime.keys.SecureRandomSource;

/**
 * A group configuration made up on the spot for processes on this machine: {@code 3f + 1}
 * replicas on loopback ports that were free when it was made, {@code clients} client principals
 * from {@link GroupConfig#CLIENT_ID_MIN}, and fresh keys for all of them, in memory only.
 */
record LocalPrincipals(GroupConfig group, List<PrincipalKeys> replicaKeys, List<PrincipalKeys> clientKeys) {

    static LocalPrincipals generate(int f, int clients, ProtocolLimits limits, ProtocolTimeouts timeouts) {
        SecureRandomSource random = new SecureRandomSource();
        List<PrincipalKeys> replicaKeys = new ArrayList<>();
        List<GroupConfig.ReplicaEntry> replicaEntries = new ArrayList<>();
        int[] ports = freePorts(3 * f + 1);
        for (int id = 0; id < 3 * f + 1; id++) {
            PrincipalKeys keys = PrincipalKeys.generate(random);
            replicaKeys.add(keys);
            replicaEntries.add(new GroupConfig.ReplicaEntry(id, new HostPort("127.0.0.1", ports[id]),
                    keys.publicIdentity()));
        }
        List<PrincipalKeys> clientKeys = new ArrayList<>();
        List<GroupConfig.ClientEntry> clientEntries = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            PrincipalKeys keys = PrincipalKeys.generate(random);
            clientKeys.add(keys);
            clientEntries.add(new GroupConfig.ClientEntry(GroupConfig.CLIENT_ID_MIN + i, keys.publicIdentity()));
        }
        GroupConfig group = new GroupConfig(1, f, replicaEntries, clientEntries, limits, timeouts);
        return new LocalPrincipals(group, List.copyOf(replicaKeys), List.copyOf(clientKeys));
    }

    /**
     * {@code count} distinct loopback ports that were free a moment ago. The sockets stay bound until
     * all are chosen: one closed before the next is opened could hand the same port out twice.
     */
    static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                socket.setReuseAddress(true);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing a listening socket that accepted nothing cannot lose anything.
                }
            }
        }
    }
}
