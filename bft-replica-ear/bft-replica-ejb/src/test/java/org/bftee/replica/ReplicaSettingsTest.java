package org.bftee.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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
    void readsTheReplicaIdAndGroupFile() {
        properties.put(ReplicaSettings.REPLICA_ID_PROPERTY, " 3 ");
        properties.put(ReplicaSettings.GROUP_FILE_PROPERTY, groupFile.toString());

        ReplicaSettings settings = ReplicaSettings.fromProperties(properties::get);

        assertEquals(3, settings.replicaId());
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

    private void assertRejectedNaming(String expected) {
        ReplicaConfigurationException rejected = assertThrows(ReplicaConfigurationException.class,
                () -> ReplicaSettings.fromProperties(properties::get));
        assertTrue(rejected.getMessage().contains(expected), rejected.getMessage());
    }
}
