package org.bftee.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.bftee.runtime.cli.BftCommand;

/**
 * The group of the tests, written under {@code target/servers/group/} with the {@code bft} command
 * line as an operator would: key pairs for four replicas ({@code f = 1}) and one client principal,
 * and the group file listing them.
 *
 * @param groupFile the replica group file
 * @param clientKeyFile the private key file of the client principal the resource adapter acts as
 */
public record TestGroupFiles(Path groupFile, Path clientKeyFile) {

    /** The group id written into the group file. */
    public static final int GROUP_ID = 1;
    /** Faults tolerated: four replicas. */
    public static final int F = 1;
    /** The client principal of the resource adapter. */
    public static final int CLIENT_ID = 1000;
    /** Port of replica 0's BFT endpoint; replica i listens on this plus i. */
    private static final int REPLICA_PORT_BASE = 7100;

    /** Where the files are, whether or not they have been written yet. */
    public static TestGroupFiles location() {
        Path directory = directory();
        return new TestGroupFiles(directory.resolve("group.conf"), directory.resolve("client-" + CLIENT_ID + ".key"));
    }

    /** The private key file of replica {@code id}, written by {@link #write()} beside the group file. */
    public Path replicaKeyFile(int id) {
        return groupFile.resolveSibling("replica-" + id + ".key");
    }

    /** Writes fresh keys and the group file, replacing those of an earlier run. */
    public static TestGroupFiles write() throws IOException {
        Path directory = directory();
        deleteRecursively(directory);
        Files.createDirectories(directory);
        TestGroupFiles files = location();
        List<String> group = new ArrayList<>(List.of("group", "--group-id", String.valueOf(GROUP_ID),
                "--f", String.valueOf(F), "--client", String.valueOf(CLIENT_ID),
                "--keys-dir", directory.toString(), "--out", files.groupFile().toString()));
        for (int id = 0; id < 3 * F + 1; id++) {
            bft("keygen", "--principal", "replica-" + id, "--out-dir", directory.toString());
            group.add("--replica");
            group.add(id + "=127.0.0.1:" + (REPLICA_PORT_BASE + id));
        }
        bft("keygen", "--principal", "client-" + CLIENT_ID, "--out-dir", directory.toString());
        bft(group.toArray(String[]::new));
        return files;
    }

    private static Path directory() {
        return TestEnvironment.serversDir().resolve("group");
    }

    private static void bft(String... args) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(output, true, StandardCharsets.UTF_8);
        int status = BftCommand.run(List.of(args), stream, stream);
        if (status != 0) {
            throw new IllegalStateException("bft " + String.join(" ", args) + " failed with status " + status
                    + ": " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
