package org.bftee.runtime.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.bftee.core.crypto.PrincipalKeys;
import org.bftee.core.service.Service;
import org.bftee.core.state.ObjectStoreLimits;
import org.bftee.runtime.cli.BftCommand.UsageException;
import org.bftee.runtime.config.Durability;
import org.bftee.runtime.config.GroupConfig;
import org.bftee.runtime.config.GroupConfigFile;
import org.bftee.runtime.config.ServiceChoice;
import org.bftee.runtime.driver.ReplicaDriver;
import org.bftee.runtime.keys.KeyFiles;
import org.bftee.runtime.keys.Principal;

/** {@code bft replica}: runs one replica of a group in the foreground until it is stopped (Ctrl-C, SIGTERM). */
final class ReplicaCommand {

    static final Set<String> OPTIONS = Set.of("group", "id", "key", "service", "state");

    static final String HELP = BftCommand.join(
            "usage: bft replica --group FILE --id N [--key FILE] [--service shipped|kv|bank] [--state DIR]",
            "",
            "Runs replica N of the group in FILE on the address the file gives it, with the",
            "shipped services: the key-value store and the bank ledger together (shipped, the",
            "default), or either alone (kv, bank). Every replica of a group must run the same",
            "service. --key defaults to replica-N.key beside the group",
            "file. With --state, the replica writes its stable checkpoints to DIR and, started",
            "again, resumes from the newest and fetches only what changed since from the group;",
            "without it, its state is in memory and a restart fetches it all. A group file",
            "with durability = synced needs --state: the replica syncs its votes to DIR before",
            "it sends them, so that the group survives a crash of all its replicas at once",
            "(docs/durability.md). Stop it with Ctrl-C or SIGTERM.");

    private ReplicaCommand() {
    }

    static int run(Options options, PrintStream out) throws InterruptedException {
        Path groupFile = Path.of(options.required("group"));
        int id = options.integer("id", null);
        GroupConfig group = GroupConfigFile.load(groupFile);
        if (id < 0 || id >= group.n()) {
            throw new UsageException("--id: the group has replicas 0.." + (group.n() - 1) + ", not " + id);
        }
        Principal principal = Principal.replica(id);
        Path keyFile = Path.of(options.optional("key",
                groupFile.toAbsolutePath().resolveSibling(KeyFiles.privateFileName(principal)).toString()));
        PrincipalKeys keys = KeyFiles.readPrivate(keyFile, principal);
        if (!keys.publicIdentity().equals(group.replica(id).identity())) {
            throw new UsageException("--key: " + keyFile + " holds other keys than the group file lists for "
                    + principal);
        }
        Service service = service(options.optional("service", ServiceChoice.DEFAULT.configName()));
        Path state = options.optional("state", null) == null ? null : Path.of(options.optional("state", null));
        if (state == null && group.durability() == Durability.SYNCED) {
            throw new UsageException("--state: " + groupFile + " says durability = synced, which needs a state"
                    + " directory for the replica's vote log");
        }
        ReplicaDriver replica = new ReplicaDriver(group, id, keys, service, ObjectStoreLimits.defaults(), null, state,
                task -> {
                    Thread thread = new Thread(task, "bft-replica-" + id + "-storage");
                    thread.setDaemon(true);
                    return thread;
                });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            replica.close();
            stopped.countDown();
        }, "bft-replica-shutdown"));
        replica.start();
        out.println("replica " + id + " of group " + group.groupId() + " running on " + replica.address()
                + "; Ctrl-C stops it");
        stopped.await();
        return BftCommand.EXIT_OK;
    }

    private static Service service(String name) {
        try {
            return ServiceChoice.named(name).create();
        } catch (IllegalArgumentException unknown) {
            throw new UsageException("--service: " + unknown.getMessage());
        }
    }
}
