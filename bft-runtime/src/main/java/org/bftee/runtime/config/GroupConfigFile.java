package org.bftee.runtime.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;

import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.crypto.PublicIdentity;
import org.bftee.runtime.config.GroupConfig.ClientEntry;
import org.bftee.runtime.config.GroupConfig.ReplicaEntry;

/**
 * Reads and writes the group configuration file, a {@code key = value} text (see {@link ConfigText})
 * that every replica and client of a group holds a copy of:
 *
 * <pre>
 * group.id = 1
 * f = 1
 * replica.0.address = 127.0.0.1:7100
 * replica.0.signing-key = (base64 of the 32-byte Ed25519 public key)
 * replica.0.agreement-key = (base64 of the 32-byte X25519 public key)
 * ... replicas 1 to 3f ...
 * client.1000.signing-key = ...
 * client.1000.agreement-key = ...
 * limits.log-window = 256                 (optional, each has a default)
 * timeouts.view-change = 2s               (optional)
 * durability = synced                     (optional: memory, the default, or synced)
 * </pre>
 *
 * Loading validates everything, including the relations between limits, and an error names the
 * file, the line, the key and the problem. Unknown keys are errors, not ignored.
 */
public final class GroupConfigFile {

    private static final Base64.Decoder BASE64 = Base64.getDecoder();

    private GroupConfigFile() {
    }

    /** Loads and validates {@code file}. */
    public static GroupConfig load(Path file) {
        return parse(ConfigText.read(file));
    }

    /** Validates a group file's text, as if read from {@code file}. */
    public static GroupConfig parse(ConfigText text) {
        int groupId = text.integer("group.id", 0, Integer.MAX_VALUE);
        int f = text.integer("f", GroupConfig.F_MIN, GroupConfig.F_MAX);
        int n = 3 * f + 1;
        List<ReplicaEntry> replicas = new ArrayList<>(n);
        for (int id = 0; id < n; id++) {
            String prefix = "replica." + id + ".";
            String addressKey = prefix + "address";
            HostPort address = HostPort.parseOrNull(text.string(addressKey));
            if (address == null) {
                throw text.error(addressKey, "'" + text.string(addressKey) + "' is not host:port");
            }
            replicas.add(new ReplicaEntry(id, address, identity(text, prefix)));
        }
        rejectReplicasBeyond(text, n);
        List<ClientEntry> clients = new ArrayList<>();
        for (int id : clientIds(text)) {
            clients.add(new ClientEntry(id, identity(text, "client." + id + ".")));
        }
        ProtocolLimits limits = limits(text);
        ProtocolTimeouts timeouts = timeouts(text);
        RecoveryConfig defaults = RecoveryConfig.defaultFor(f);
        Duration recoveryPeriod = text.duration("recovery.period", defaults.period());
        Duration recoveryBound = text.duration("recovery.bound", defaults.bound());
        Durability durability = durability(text);
        text.rejectUnknownKeys();
        try {
            return new GroupConfig(groupId, f, replicas, clients, limits, timeouts,
                    new RecoveryConfig(recoveryPeriod, recoveryBound), durability);
        } catch (IllegalArgumentException e) {
            throw text.error(e.getMessage());
        }
    }

    /** Writes {@code config} to {@code file}, every limit and timeout spelled out. */
    public static void write(GroupConfig config, Path file) throws IOException {
        Files.writeString(file, format(config), StandardCharsets.UTF_8);
    }

    /** The text {@link #write} writes. */
    public static String format(GroupConfig config) {
        Base64.Encoder base64 = Base64.getEncoder();
        StringBuilder out = new StringBuilder();
        out.append("# BFT-EE group configuration. Every replica and client of the group needs the same file.\n");
        out.append("group.id = ").append(config.groupId()).append('\n');
        out.append("f = ").append(config.f()).append("\n\n");
        for (ReplicaEntry replica : config.replicas()) {
            String prefix = "replica." + replica.id() + ".";
            out.append(prefix).append("address = ").append(replica.address()).append('\n');
            appendIdentity(out, prefix, replica.identity(), base64);
        }
        for (ClientEntry client : config.clients()) {
            appendIdentity(out, "client." + client.id() + ".", client.identity(), base64);
        }
        ProtocolLimits limits = config.limits();
        out.append("\n# Limits (STYLE rule 4): every queue, batch and message has a named maximum.\n");
        out.append("limits.log-window = ").append(limits.logWindow()).append('\n');
        out.append("limits.checkpoint-interval = ").append(limits.checkpointInterval()).append('\n');
        out.append("limits.batch-requests-max = ").append(limits.batchRequestsMax()).append('\n');
        out.append("limits.batch-bytes-max = ").append(limits.batchBytesMax()).append('\n');
        out.append("limits.batches-in-flight-max = ").append(limits.batchesInFlightMax()).append('\n');
        out.append("limits.request-bytes-max = ").append(limits.requestBytesMax()).append('\n');
        out.append("limits.reply-bytes-max = ").append(limits.replyBytesMax()).append('\n');
        out.append("limits.large-request-threshold-bytes = ").append(limits.largeRequestThresholdBytes()).append('\n');
        out.append("limits.lanes-per-client-max = ").append(limits.lanesPerClientMax()).append('\n');
        ProtocolTimeouts timeouts = config.timeouts();
        out.append("\n# Timeouts: ms, s, m or h.\n");
        out.append("timeouts.view-change = ").append(millis(timeouts.viewChange())).append('\n');
        out.append("timeouts.status = ").append(millis(timeouts.status())).append('\n');
        out.append("timeouts.client-retransmit = ").append(millis(timeouts.clientRetransmit())).append('\n');
        out.append("timeouts.client-retransmit-max = ").append(millis(timeouts.clientRetransmitMax())).append('\n');
        out.append("timeouts.key-refresh = ").append(millis(timeouts.keyRefresh())).append('\n');
        RecoveryConfig recovery = config.recovery();
        out.append("\n# Proactive recovery: each replica once per period (0 turns it off), staggered; a recovery\n");
        out.append("# longer than the bound raises an alert. bound <= f * period / n.\n");
        out.append("recovery.period = ").append(millis(recovery.period())).append('\n');
        out.append("recovery.bound = ").append(millis(recovery.bound())).append('\n');
        out.append("\n# memory: votes in memory; synced: every vote synced to the replica's state directory before it is\n");
        out.append("# sent, so that a crash of every replica at once loses no acknowledged operation (docs/durability.md).\n");
        out.append("durability = ").append(config.durability().configName()).append('\n');
        return out.toString();
    }

    private static Durability durability(ConfigText text) {
        String name = text.string("durability", Durability.DEFAULT.configName());
        try {
            return Durability.named(name);
        } catch (IllegalArgumentException e) {
            throw text.error("durability", e.getMessage());
        }
    }

    private static PublicIdentity identity(ConfigText text, String prefix) {
        byte[] signing = key(text, prefix + "signing-key");
        byte[] agreement = key(text, prefix + "agreement-key");
        try {
            return PublicIdentity.fromRaw(signing, agreement);
        } catch (IllegalArgumentException e) {
            throw text.error(prefix + "signing-key", e.getMessage());
        }
    }

    private static byte[] key(ConfigText text, String name) {
        String value = text.string(name);
        byte[] key;
        try {
            key = BASE64.decode(value);
        } catch (IllegalArgumentException e) {
            throw text.error(name, "is not base64");
        }
        if (key.length != PublicIdentity.KEY_LENGTH) {
            throw text.error(name, "decodes to " + key.length + " bytes; a public key is "
                    + PublicIdentity.KEY_LENGTH);
        }
        return key;
    }

    private static void rejectReplicasBeyond(ConfigText text, int n) {
        for (String key : text.keysStartingWith("replica.")) {
            String id = key.substring("replica.".length(), Math.max(key.indexOf('.', "replica.".length()), "replica.".length()));
            if (!id.matches("\\d+") || Integer.parseInt(id) >= n) {
                throw text.error(key, "names no replica: with f = " + (n - 1) / 3 + " the replicas are 0.." + (n - 1));
            }
        }
    }

    private static TreeSet<Integer> clientIds(ConfigText text) {
        TreeSet<Integer> ids = new TreeSet<>();
        for (String key : text.keysStartingWith("client.")) {
            int dot = key.indexOf('.', "client.".length());
            String id = dot < 0 ? "" : key.substring("client.".length(), dot);
            if (!id.matches("\\d{1,9}")) {
                throw text.error(key, "expected client.<id>.signing-key or client.<id>.agreement-key");
            }
            int clientId = Integer.parseInt(id);
            if (clientId < GroupConfig.CLIENT_ID_MIN) {
                throw text.error(key, "client ids start at " + GroupConfig.CLIENT_ID_MIN
                        + " so that they never collide with replica ids");
            }
            ids.add(clientId);
        }
        if (ids.size() > GroupConfig.CLIENTS_MAX) {
            throw text.error(ids.size() + " clients, more than the " + GroupConfig.CLIENTS_MAX + " a group may have");
        }
        return ids;
    }

    private static ProtocolLimits limits(ConfigText text) {
        ProtocolLimits d = ProtocolLimits.defaults();
        int logWindow = text.integer("limits.log-window", 1, 1 << 20, d.logWindow());
        int checkpointInterval = text.integer("limits.checkpoint-interval", 1, 1 << 20, d.checkpointInterval());
        int batchRequestsMax = text.integer("limits.batch-requests-max", 1, 1 << 16, d.batchRequestsMax());
        int batchBytesMax = text.bytes("limits.batch-bytes-max", d.batchBytesMax());
        int batchesInFlightMax = text.integer("limits.batches-in-flight-max", 1, 1 << 16, d.batchesInFlightMax());
        int requestBytesMax = text.bytes("limits.request-bytes-max", d.requestBytesMax());
        int replyBytesMax = text.bytes("limits.reply-bytes-max", d.replyBytesMax());
        int largeRequestThreshold = text.bytes("limits.large-request-threshold-bytes", d.largeRequestThresholdBytes());
        int lanesPerClientMax = text.integer("limits.lanes-per-client-max", 1, 1 << 16, d.lanesPerClientMax());
        List<String> problems = ProtocolLimits.problems(logWindow, checkpointInterval, batchRequestsMax,
                batchBytesMax, batchesInFlightMax, requestBytesMax, replyBytesMax, largeRequestThreshold,
                lanesPerClientMax);
        if (!problems.isEmpty()) {
            String first = problems.get(0);
            String field = "limits." + first.substring(0, first.indexOf(' '));
            throw text.error(field, String.join("; ", problems));
        }
        return new ProtocolLimits(logWindow, checkpointInterval, batchRequestsMax, batchBytesMax,
                batchesInFlightMax, requestBytesMax, replyBytesMax, largeRequestThreshold, lanesPerClientMax);
    }

    private static ProtocolTimeouts timeouts(ConfigText text) {
        ProtocolTimeouts d = ProtocolTimeouts.defaults();
        Duration viewChange = text.duration("timeouts.view-change", d.viewChange());
        Duration status = text.duration("timeouts.status", d.status());
        Duration clientRetransmit = text.duration("timeouts.client-retransmit", d.clientRetransmit());
        Duration clientRetransmitMax = text.duration("timeouts.client-retransmit-max", d.clientRetransmitMax());
        Duration keyRefresh = text.duration("timeouts.key-refresh", d.keyRefresh());
        List<String> problems = ProtocolTimeouts.problems(viewChange, status, clientRetransmit, clientRetransmitMax,
                keyRefresh);
        if (!problems.isEmpty()) {
            String first = problems.get(0);
            String field = "timeouts." + first.substring(0, first.indexOf(' '));
            throw text.error(field, String.join("; ", problems));
        }
        return new ProtocolTimeouts(viewChange, status, clientRetransmit, clientRetransmitMax, keyRefresh);
    }

    private static void appendIdentity(StringBuilder out, String prefix, PublicIdentity identity,
                                       Base64.Encoder base64) {
        out.append(prefix).append("signing-key = ")
                .append(base64.encodeToString(identity.signingPublicKeyBytes())).append('\n');
        out.append(prefix).append("agreement-key = ")
                .append(base64.encodeToString(identity.agreementPublicKeyBytes())).append("\n\n");
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + "ms";
    }
}
