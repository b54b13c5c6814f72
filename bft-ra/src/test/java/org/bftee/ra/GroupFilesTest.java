package org.bftee.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.InvalidPropertyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.crypto.PrincipalKeys;
import org.bftee.runtime.keys.KeyFiles;
import org.bftee.runtime.keys.Principal;
import org.bftee.runtime.keys.SecureRandomSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way the files of a connection factory can be wrong, each refused with the property and file named. */
class GroupFilesTest {

    private static final int CLIENT = 1000;

    @TempDir
    Path directory;
    private GroupFixture fixture;

    @BeforeEach
    void writeFiles() throws Exception {
        fixture = GroupFixture.withoutReplicas(directory, CLIENT, ProtocolLimits.defaults());
    }

    @Test
    void consistentFilesAreAccepted() throws Exception {
        GroupFiles.ClientIdentity identity = GroupFiles.load(config());

        assertEquals(CLIENT, identity.clientId());
        assertEquals(fixture.group(), identity.group());
    }

    @Test
    void aMissingGroupFileIsNamed() {
        assertRefused("groupFile: " + directory.resolve("absent.conf") + ": file does not exist",
                config().withGroupFile(directory.resolve("absent.conf").toString()));
    }

    @Test
    void aMalformedGroupFileIsNamedWithItsLineAndKey() throws Exception {
        Files.writeString(fixture.groupFile(), "group.id = 1\nf = eleven\n");

        InvalidPropertyException invalid = refused(config());

        assertTrue(invalid.getMessage().startsWith("groupFile: " + fixture.groupFile() + ":2: f: "),
                invalid.getMessage());
    }

    @Test
    void aClientThatIsNotInTheGroupIsRefused() {
        InvalidPropertyException invalid = refused(config().withClientId(CLIENT + 1));

        assertTrue(invalid.getMessage().startsWith("clientId 1001 is not a client of the group file "
                + fixture.groupFile()), invalid.getMessage());
    }

    @Test
    void morePooledSessionsThanTheGroupAllowsLanesAreRefused() throws Exception {
        Path other = Files.createDirectory(directory.resolve("few-lanes"));
        ProtocolLimits d = ProtocolLimits.defaults();
        GroupFixture fewLanes = GroupFixture.withoutReplicas(other, CLIENT, new ProtocolLimits(d.logWindow(),
                d.checkpointInterval(), d.batchRequestsMax(), d.batchBytesMax(), d.batchesInFlightMax(),
                d.requestBytesMax(), d.replyBytesMax(), d.largeRequestThresholdBytes(), 4));

        InvalidPropertyException invalid = refused(fewLanes.factory().config().withSessionPoolSize(5));

        assertTrue(invalid.getMessage().startsWith("sessionPoolSize 5 is above the 4 lanes per client"),
                invalid.getMessage());
        GroupFiles.load(fewLanes.factory().config().withSessionPoolSize(4));
    }

    @Test
    void aMissingKeyFileIsNamed() throws Exception {
        Files.delete(fixture.clientKeyFile());

        assertRefused("clientKeyFile: " + fixture.clientKeyFile() + ": file does not exist", config());
    }

    @Test
    void aKeyFileOpenToOtherUsersIsRefused() throws Exception {
        Files.setPosixFilePermissions(fixture.clientKeyFile(), PosixFilePermissions.fromString("rw-r--r--"));

        InvalidPropertyException invalid = refused(config());

        assertTrue(invalid.getMessage().startsWith("clientKeyFile: " + fixture.clientKeyFile()), invalid.getMessage());
        assertTrue(invalid.getMessage().contains("open to other users"), invalid.getMessage());
    }

    @Test
    void anotherPrincipalsKeyFileIsRefused() throws Exception {
        Path replicaKeys = directory.resolve("replica-0.key");
        KeyFiles.writePrivate(replicaKeys, Principal.replica(0), PrincipalKeys.generate(new SecureRandomSource()));

        InvalidPropertyException invalid = refused(config().withClientKeyFile(replicaKeys.toString()));

        assertTrue(invalid.getMessage().contains("the file holds the keys of replica-0, expected client-1000"),
                invalid.getMessage());
    }

    @Test
    void keysThatDoNotMatchTheGroupFileAreRefused() throws Exception {
        Files.delete(fixture.clientKeyFile());
        KeyFiles.writePrivate(fixture.clientKeyFile(), Principal.client(CLIENT),
                PrincipalKeys.generate(new SecureRandomSource()));

        InvalidPropertyException invalid = refused(config());

        assertTrue(invalid.getMessage().startsWith("clientKeyFile " + fixture.clientKeyFile() + " holds keys of"
                + " client 1000 that do not match"), invalid.getMessage());
    }

    @Test
    void anUnusablePathIsNamed() {
        InvalidPropertyException invalid = refused(config().withGroupFile("group\0.conf"));

        assertTrue(invalid.getMessage().startsWith("groupFile: group"), invalid.getMessage());
    }

    private BftConnectionConfig config() {
        return fixture.factory().config();
    }

    private static InvalidPropertyException refused(BftConnectionConfig config) {
        return assertThrows(InvalidPropertyException.class, () -> GroupFiles.load(config));
    }

    private static void assertRefused(String message, BftConnectionConfig config) {
        assertEquals(message, refused(config).getMessage());
    }
}
