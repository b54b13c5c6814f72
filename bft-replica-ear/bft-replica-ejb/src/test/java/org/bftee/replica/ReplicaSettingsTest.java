package org.bftee.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.bftee.runtime.config.ServiceChoice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicaSettingsTest {

    @TempDir
    Path directory;

    private Path groupFile;
    private final Map<String, String> properties = new HashMap<>();

    @BeforeEach
    void writeGroupFile() {
        groupFile = GroupFiles.writeGroupOfFour(directory);
    }

    @Test
    void readsTheReplicaIdGroupFileAndKeys() {
        properties.put(ReplicaSettings.REPLICA_ID_PROPERTY, " 3 ");
        properties.put(ReplicaSettings.GROUP_FILE_PROPERTY, groupFile.toString());
        properties.put(ReplicaSettings.KEY_FILE_PROPERTY, directory.resolve("replica-3.key").toString());
        properties.put(ReplicaSettings.DATA_DIRECTORY_PROPERTY, directory.resolve("data").toString());

        ReplicaSettings settings = ReplicaSettings.fromProperties(properties::get);

        assertEquals(3, settings.replicaId());
        assertEquals(ServiceChoice.SHIPPED, settings.service(), "both shipped services unless told otherwise");
        assertEquals(directory.resolve("data").resolve("bft-replica"), settings.stateDirectory());
        assertEquals(settings.group().replica(3).identity(), settings.keys().publicIdentity());
        assertEquals(groupFile, settings.groupFile());
        assertEquals(7, settings.group().groupId());
        assertEquals(4, settings.group().n());
    }

    @Test
    void aMissingReplicaIdIsNamed() {
        properties.put(ReplicaSettings.GROUP_FILE_PROPERTY, groupFile.toString());

        assertRejectedNaming("bft.replica.id is not set");
    }

    @Test
    void aReplicaIdMustBeAnIndex() {
        properties.put(ReplicaSettings.GROUP_FILE_PROPERTY, groupFile.toString());

        properties.put(ReplicaSettings.REPLICA_ID_PROPERTY, "one");
        assertRejectedNaming("bft.replica.id must be a replica index");

        properties.put(ReplicaSettings.REPLICA_ID_PROPERTY, "-1");
        assertRejectedNaming("bft.replica.id must be a replica index");
    }

    @Test
    void aReplicaIdMustBeInTheGroup() {
        properties.put(ReplicaSettings.GROUP_FILE_PROPERTY, groupFile.toString());
        properties.put(ReplicaSettings.REPLICA_ID_PROPERTY, "4");

        assertRejectedNaming("bft.replica.id is 4, but the group in");
    }

    @Test
    void aMissingGroupFilePropertyIsNamed() {
        properties.put(ReplicaSettings.REPLICA_ID_PROPERTY, "0");

        assertRejectedNaming("bft.group.file is not set");
    }

    @Test
    void theGroupFileMustExist() {
        properties.put(ReplicaSettings.REPLICA_ID_PROPERTY, "0");

        properties.put(ReplicaSettings.GROUP_FILE_PROPERTY, directory.resolve("missing.conf").toString());
        assertRejectedNaming("bft.group.file names");

        properties.put(ReplicaSettings.GROUP_FILE_PROPERTY, directory.toString());
        assertRejectedNaming("not an existing regular file");
    }

    @Test
    void theGroupFileMustBeValid() throws IOException {
        properties.put(ReplicaSettings.REPLICA_ID_PROPERTY, "0");
        Path broken = Files.writeString(directory.resolve("broken.conf"), "group.id = 1\n");
        properties.put(ReplicaSettings.GROUP_FILE_PROPERTY, broken.toString());

        assertRejectedNaming("bft.group.file names a group file that cannot be used");
    }

    @Test
    void aMissingKeyFilePropertyIsNamed() {
        properties.put(ReplicaSettings.REPLICA_ID_PROPERTY, "0");
        properties.put(ReplicaSettings.GROUP_FILE_PROPERTY, groupFile.toString());

        assertRejectedNaming("bft.replica.key.file is not set");
    }

    @Test
    void anotherReplicasKeyFileIsRefused() {
        properties.put(ReplicaSettings.REPLICA_ID_PROPERTY, "0");
        properties.put(ReplicaSettings.GROUP_FILE_PROPERTY, groupFile.toString());
        properties.put(ReplicaSettings.KEY_FILE_PROPERTY, directory.resolve("replica-1.key").toString());

        assertRejectedNaming("holds the keys of replica-1, expected replica-0");
    }

    @Test
    void keysThatDoNotMatchTheGroupFileAreRefused() throws IOException {
        Path other = Files.createDirectories(directory.resolve("other"));
        org.bftee.runtime.cli.BftCommand.run(java.util.List.of("keygen", "--principal", "replica-0", "--out-dir",
                other.toString()), System.out, System.err);
        properties.put(ReplicaSettings.REPLICA_ID_PROPERTY, "0");
        properties.put(ReplicaSettings.GROUP_FILE_PROPERTY, groupFile.toString());
        properties.put(ReplicaSettings.KEY_FILE_PROPERTY, other.resolve("replica-0.key").toString());

        assertRejectedNaming("whose keys do not match replica 0's public keys");
    }

    @Test
    void aKeyFileOpenToOtherUsersIsRefused() throws IOException {
        Path keyFile = directory.resolve("replica-2.key");
        Files.setPosixFilePermissions(keyFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        properties.put(ReplicaSettings.REPLICA_ID_PROPERTY, "2");
        properties.put(ReplicaSettings.GROUP_FILE_PROPERTY, groupFile.toString());
        properties.put(ReplicaSettings.KEY_FILE_PROPERTY, keyFile.toString());

        assertRejectedNaming("open to other users");
    }

    @Test
    void theServiceIsChosenByName() {
        setValidProperties(1);
        properties.put(ReplicaSettings.SERVICE_PROPERTY, " bank ");

        assertEquals(ServiceChoice.BANK, ReplicaSettings.fromProperties(properties::get).service());
    }

    @Test
    void anUnknownServiceIsNamed() {
        setValidProperties(1);
        properties.put(ReplicaSettings.SERVICE_PROPERTY, "ledger");

        assertRejectedNaming("bft.replica.service: 'ledger' is not a shipped service; choose one of shipped, kv, bank");
    }

    @Test
    void theServersDataDirectoryMustBeKnown() {
        setValidProperties(1);
        properties.remove(ReplicaSettings.DATA_DIRECTORY_PROPERTY);

        assertRejectedNaming("jboss.server.data.dir is not set");
    }

    private void setValidProperties(int replicaId) {
        properties.put(ReplicaSettings.REPLICA_ID_PROPERTY, String.valueOf(replicaId));
        properties.put(ReplicaSettings.GROUP_FILE_PROPERTY, groupFile.toString());
        properties.put(ReplicaSettings.KEY_FILE_PROPERTY, directory.resolve("replica-" + replicaId + ".key").toString());
        properties.put(ReplicaSettings.DATA_DIRECTORY_PROPERTY, directory.resolve("data").toString());
    }

    private void assertRejectedNaming(String expected) {
        ReplicaConfigurationException rejected = assertThrows(ReplicaConfigurationException.class,
                () -> ReplicaSettings.fromProperties(properties::get));
        assertTrue(rejected.getMessage().contains(expected), rejected.getMessage());
    }
}
