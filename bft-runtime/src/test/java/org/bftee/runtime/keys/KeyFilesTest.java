package org.bftee.runtime.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.bftee.core.crypto.PrincipalKeys;
import org.bftee.runtime.config.ConfigException;
import org.bftee.runtime.config.TestGroups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyFilesTest {

    @TempDir
    Path dir;

    private final PrincipalKeys keys = TestGroups.keys(42);

    @Test
    void privateKeyFileRoundTripsAndIsOwnerOnly() throws IOException {
        Path file = dir.resolve("replica-0.key");
        KeyFiles.writePrivate(file, Principal.replica(0), keys);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        PrincipalKeys read = KeyFiles.readPrivate(file, Principal.replica(0));
        assertArrayEquals(keys.signingPrivateKeyBytes(), read.signingPrivateKeyBytes());
        assertArrayEquals(keys.agreementPrivateKeyBytes(), read.agreementPrivateKeyBytes());
        assertEquals(keys.publicIdentity(), read.publicIdentity());
    }

    @Test
    void publicKeyFileRoundTrips() throws IOException {
        Path file = dir.resolve("client-1000.pub");
        KeyFiles.writePublic(file, Principal.client(1000), keys.publicIdentity());
        KeyFiles.PublicKeyFile read = KeyFiles.readPublic(file);
        assertEquals(Principal.client(1000), read.principal());
        assertEquals(keys.publicIdentity(), read.identity());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-rw----", "rw----r--", "rwx---rwx"})
    void privateKeyFileOpenToOthersIsRefused(String permissions) throws IOException {
        Path file = dir.resolve("replica-1.key");
        KeyFiles.writePrivate(file, Principal.replica(1), keys);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        ConfigException e = assertThrows(ConfigException.class, () -> KeyFiles.readPrivate(file));
        assertTrue(e.getMessage().contains("permissions " + permissions + ", open to other users"), e.getMessage());
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }

    @Test
    void keysOfAnotherPrincipalAreRefused() throws IOException {
        Path file = dir.resolve("replica-2.key");
        KeyFiles.writePrivate(file, Principal.replica(2), keys);
        ConfigException e = assertThrows(ConfigException.class,
                () -> KeyFiles.readPrivate(file, Principal.replica(3)));
        assertEquals(file + ": principal: the file holds the keys of replica-2, expected replica-3", e.getMessage());
    }

    @Test
    void existingKeyFileIsNeverOverwritten() throws IOException {
        Path file = dir.resolve("replica-0.key");
        KeyFiles.writePrivate(file, Principal.replica(0), keys);
        byte[] before = Files.readAllBytes(file);
        assertThrows(FileAlreadyExistsException.class,
                () -> KeyFiles.writePrivate(file, Principal.replica(0), TestGroups.keys(7)));
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void publicFileGivenAsPrivateIsRefusedByFormat() throws IOException {
        Path file = dir.resolve("replica-0.pub");
        KeyFiles.writePublic(file, Principal.replica(0), keys.publicIdentity());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        ConfigException e = assertThrows(ConfigException.class, () -> KeyFiles.readPrivate(file));
        assertTrue(e.getMessage().contains("format: is 'bft-ee-public-key-1', expected 'bft-ee-private-key-1'"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "format = bft-ee-private-key-1\nprincipal = replica-0\nsigning-private-key = %%%\nagreement-private-key = AAAA\n",
            "format = bft-ee-private-key-1\nprincipal = replica-0\nsigning-private-key = AAAA\nagreement-private-key = AAAA\n",
            "format = bft-ee-private-key-1\nprincipal = somebody\nsigning-private-key = AAAA\nagreement-private-key = AAAA\n",
            "format = bft-ee-private-key-1\nprincipal = replica-0\n",
            "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n"})
    void malformedPrivateKeyFilesAreRefusedWithTheFileName(String content) throws IOException {
        Path file = dir.resolve("bad.key");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        ConfigException e = assertThrows(ConfigException.class, () -> KeyFiles.readPrivate(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void principalsParse() {
        assertEquals(Principal.replica(3), Principal.parse("replica-3"));
        assertEquals(Principal.client(1234), Principal.parse("client-1234"));
        assertThrows(IllegalArgumentException.class, () -> Principal.parse("client-12"));
        assertThrows(IllegalArgumentException.class, () -> Principal.parse("replica-31"));
        assertThrows(IllegalArgumentException.class, () -> Principal.parse("server-1"));
        assertThrows(IllegalArgumentException.class, () -> Principal.parse("replica-"));
    }
}
