package org.bftee.runtime.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.runtime.cli.BftCommand.UsageException;
import org.bftee.runtime.config.ConfigException;
import org.bftee.runtime.config.ConfigText;
import org.bftee.runtime.config.GroupConfig;
import org.bftee.runtime.config.GroupConfig.ClientEntry;
import org.bftee.runtime.config.GroupConfig.ReplicaEntry;
import org.bftee.runtime.config.GroupConfigFile;
import org.bftee.runtime.config.HostPort;
import org.bftee.runtime.keys.KeyFiles;
import org.bftee.runtime.keys.KeyFiles.PublicKeyFile;
import org.bftee.runtime.keys.Principal;

/**
 * {@code bft group}: assembles a group configuration file from the replicas' addresses and the
 * public key files of replicas and clients. The file it writes is loaded back and validated before
 * the command reports success, so a file it writes is a file replicas accept.
 */
final class GroupCommand {

    static final Set<String> OPTIONS = Set.of("group-id", "f", "replica", "client", "keys-dir", "out");

    static final String HELP = BftCommand.join(
            "usage: bft group --group-id ID --f F --replica 0=HOST:PORT ... --replica 3F=HOST:PORT",
            "                 [--client 1000 ...] [--keys-dir DIR] --out FILE",
            "",
            "--replica ID=HOST:PORT[=PUBFILE]  one per replica, ids 0..3F; PUBFILE defaults to",
            "                                  DIR/replica-ID.pub",
            "--client ID[=PUBFILE]             a client principal (id >= " + GroupConfig.CLIENT_ID_MIN + ");",
            "                                  PUBFILE defaults to DIR/client-ID.pub",
            "--keys-dir DIR                    where public key files are found (default .)",
            "--out FILE                        the group file to write (never overwritten)",
            "",
            "Limits and timeouts are written with their defaults; edit the file to change them.");

    private GroupCommand() {
    }

    static int run(Options options, PrintStream out) throws IOException {
        int groupId = options.integer("group-id", null);
        int f = options.integer("f", null);
        Path keysDir = Path.of(options.optional("keys-dir", "."));
        Path outFile = Path.of(options.required("out"));
        if (Files.exists(outFile)) {
            throw new IOException("refusing to overwrite " + outFile + "; delete it first");
        }
        List<ReplicaEntry> replicas = replicas(options.all("replica"), keysDir);
        List<ClientEntry> clients = clients(options.all("client"), keysDir);
        GroupConfig config;
        try {
            config = new GroupConfig(groupId, f, replicas, clients, ProtocolLimits.defaults(),
                    ProtocolTimeouts.defaults());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String text = GroupConfigFile.format(config);
        // Validate exactly what is about to be written, then write it.
        GroupConfigFile.parse(ConfigText.parse(outFile, text));
        Files.writeString(outFile, text);
        out.println("wrote " + outFile + ": group " + groupId + ", f = " + f + ", " + config.n() + " replicas, "
                + clients.size() + " clients");
        return BftCommand.EXIT_OK;
    }

    private static List<ReplicaEntry> replicas(List<String> specs, Path keysDir) {
        List<ReplicaEntry> replicas = new ArrayList<>();
        for (String spec : specs) {
            String[] parts = spec.split("=", 3);
            if (parts.length < 2 || !parts[0].matches("\\d{1,3}")) {
                throw new UsageException("--replica '" + spec + "' is not ID=HOST:PORT[=PUBFILE]");
            }
            int id = Integer.parseInt(parts[0]);
            HostPort address = HostPort.parseOrNull(parts[1]);
            if (address == null) {
                throw new UsageException("--replica '" + spec + "': '" + parts[1] + "' is not host:port");
            }
            Principal principal;
            try {
                principal = Principal.replica(id);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--replica '" + spec + "': " + e.getMessage());
            }
            Path publicFile = parts.length == 3 ? Path.of(parts[2]) : keysDir.resolve(KeyFiles.publicFileName(principal));
            replicas.add(new ReplicaEntry(id, address, readPublic(publicFile, principal).identity()));
        }
        replicas.sort(java.util.Comparator.comparingInt(ReplicaEntry::id));
        return replicas;
    }

    private static List<ClientEntry> clients(List<String> specs, Path keysDir) {
        List<ClientEntry> clients = new ArrayList<>();
        for (String spec : specs) {
            String[] parts = spec.split("=", 2);
            if (!parts[0].matches("\\d{1,9}")) {
                throw new UsageException("--client '" + spec + "' is not ID[=PUBFILE]");
            }
            Principal principal;
            try {
                principal = Principal.client(Integer.parseInt(parts[0]));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--client '" + spec + "': " + e.getMessage());
            }
            Path publicFile = parts.length == 2 ? Path.of(parts[1]) : keysDir.resolve(KeyFiles.publicFileName(principal));
            clients.add(new ClientEntry(principal.id(), readPublic(publicFile, principal).identity()));
        }
        clients.sort(java.util.Comparator.comparingInt(ClientEntry::id));
        return clients;
    }

    private static PublicKeyFile readPublic(Path file, Principal expected) {
        PublicKeyFile keyFile = KeyFiles.readPublic(file);
        if (!keyFile.principal().equals(expected)) {
            throw new ConfigException(file, "principal", "holds the public keys of " + keyFile.principal()
                    + ", expected " + expected);
        }
        return keyFile;
    }
}
