package org.bftee.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.bftee.runtime.config.GroupConfig;
import org.bftee.runtime.config.GroupConfigFile;
import org.bftee.runtime.keys.KeyFiles;
import org.bftee.runtime.keys.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BftCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return BftCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Keys for replicas 0..3 and client 1000 in {@code keys}, and a group file of them; returns the file. */
    private Path keygenThenGroup(Path keys) {
        for (String principal : List.of("replica-0", "replica-1", "replica-2", "replica-3", "client-1000")) {
            assertEquals(0, run("keygen", "--principal", principal, "--out-dir", keys.toString()), err());
        }
        Path groupFile = dir.resolve("group.conf");
        List<String> args = new ArrayList<>(List.of("group", "--group-id", "9", "--f", "1",
                "--keys-dir", keys.toString(), "--client", "1000", "--out", groupFile.toString()));
        for (int id = 0; id < 4; id++) {
            args.add("--replica");
            args.add(id + "=127.0.0.1:" + (7300 + id));
        }
        assertEquals(0, run(args.toArray(String[]::new)), err());
        return groupFile;
    }

    @Test
    void keygenThenGroupWritesAFileThatLoads() throws IOException {
        Path keys = dir.resolve("keys");
        Path groupFile = keygenThenGroup(keys);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("replica-0.key"))));

        GroupConfig group = GroupConfigFile.load(groupFile);
        assertEquals(9, group.groupId());
        assertEquals(4, group.n());
        assertEquals(KeyFiles.readPrivate(keys.resolve("replica-2.key"), Principal.replica(2)).publicIdentity(),
                group.replica(2).identity());
        assertEquals(KeyFiles.readPublic(keys.resolve("client-1000.pub")).identity(),
                group.client(1000).orElseThrow().identity());
    }

    @Test
    void keygenRefusesToOverwrite() {
        assertEquals(0, run("keygen", "--principal", "replica-0", "--out-dir", dir.toString()));
        assertEquals(1, run("keygen", "--principal", "replica-0", "--out-dir", dir.toString()));
        assertTrue(err().contains("refusing to overwrite"), err());
    }

    @Test
    void groupWithTooFewReplicasIsAUsageError() {
        assertEquals(0, run("keygen", "--principal", "replica-0", "--out-dir", dir.toString()));
        int status = run("group", "--group-id", "1", "--f", "1", "--keys-dir", dir.toString(),
                "--replica", "0=127.0.0.1:7100", "--out", dir.resolve("g.conf").toString());
        assertEquals(2, status);
        assertTrue(err().contains("a group with f = 1 has 4 replicas, got 1"), err());
    }

    @Test
    void groupWithAMissingPublicKeyFileNamesIt() {
        int status = run("group", "--group-id", "1", "--f", "1", "--keys-dir", dir.toString(),
                "--replica", "0=127.0.0.1:7100", "--out", dir.resolve("g.conf").toString());
        assertEquals(1, status);
        assertTrue(err().contains(dir.resolve("replica-0.pub") + ": file does not exist"), err());
    }

    @Test
    void publicKeyFileOfAnotherPrincipalIsRefused() {
        assertEquals(0, run("keygen", "--principal", "replica-1", "--out-dir", dir.toString()));
        int status = run("group", "--group-id", "1", "--f", "1",
                "--replica", "0=127.0.0.1:7100=" + dir.resolve("replica-1.pub"), "--out", dir.resolve("g.conf").toString());
        assertEquals(1, status);
        assertTrue(err().contains("holds the public keys of replica-1, expected replica-0"), err());
    }

    @Test
    void aReplicaOfASyncedGroupNeedsAStateDirectory() throws IOException {
        Path groupFile = keygenThenGroup(dir.resolve("keys"));
        Files.writeString(groupFile, Files.readString(groupFile).replace("durability = memory", "durability = synced"));
        assertEquals(2, run("replica", "--group", groupFile.toString(), "--id", "0",
                "--key", dir.resolve("keys").resolve("replica-0.key").toString()));
        assertTrue(err().contains("--state: " + groupFile + " says durability = synced"), err());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run());
        assertEquals(2, run("frobnicate"));
        assertEquals(2, run("keygen"));
        assertEquals(2, run("keygen", "--principal", "emperor-1"));
        assertEquals(2, run("keygen", "--principal", "replica-0", "--colour", "blue"));
        assertEquals(2, run("group", "--f"));
        assertEquals(0, run("help", "group"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--replica ID=HOST:PORT"));
    }
}
