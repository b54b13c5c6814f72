package org.bftee.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GroupConfigFileTest {

    private static final Path FILE = Path.of("group.conf");

    private static final String VALID = GroupConfigFile.format(TestGroups.group(1, 1000, 1001));

    private static GroupConfig parse(String text) {
        return GroupConfigFile.parse(ConfigText.parse(FILE, text));
    }

    @Test
    void writtenFileLoadsBackEqual(@TempDir Path dir) throws IOException {
        GroupConfig group = TestGroups.group(2, 1000, 1005, 2000);
        Path file = dir.resolve("group.conf");
        GroupConfigFile.write(group, file);
        assertEquals(group, GroupConfigFile.load(file));
    }

    @Test
    void aGroupOfOneReplicaLoads(@TempDir Path dir) throws IOException {
        GroupConfig one = TestGroups.group(0, 1000);
        Path file = dir.resolve("group.conf");
        GroupConfigFile.write(one, file);
        assertEquals(one, GroupConfigFile.load(file));
        assertEquals(1, one.n());
        ConfigException beyond = assertThrows(ConfigException.class,
                () -> parse(GroupConfigFile.format(one) + "replica.1.address = 127.0.0.1:7101\n"));
        assertTrue(beyond.getMessage().contains("names no replica: with f = 0 the replicas are 0..0"),
                beyond.getMessage());
    }

    @Test
    void limitsAndTimeoutsDefaultWhenAbsent() {
        String minimal = VALID.lines().filter(line -> !line.startsWith("limits.") && !line.startsWith("timeouts."))
                .reduce("", (a, b) -> a + b + "\n");
        GroupConfig group = parse(minimal);
        assertEquals(TestGroups.group(1, 1000, 1001), group);
    }

    @Test
    void overriddenLimitsAreRead() {
        GroupConfig group = parse(VALID.replace("limits.log-window = 256", "limits.log-window = 512")
                .replace("timeouts.view-change = 2000ms", "timeouts.view-change = 3s"));
        assertEquals(512, group.limits().logWindow());
        assertEquals(Duration.ofSeconds(3), group.timeouts().viewChange());
    }

    @Test
    void durabilityDefaultsToMemoryAndSyncedIsRead(@TempDir Path dir) throws IOException {
        assertEquals(Durability.MEMORY, parse(remove(VALID, "durability")).durability());
        GroupConfig synced = parse(VALID.replace("durability = memory", "durability = synced"));
        assertEquals(Durability.SYNCED, synced.durability());
        Path file = dir.resolve("group.conf");
        GroupConfigFile.write(synced, file);
        assertEquals(synced, GroupConfigFile.load(file));
    }

    static Stream<Arguments> invalidFiles() {
        return Stream.of(
                Arguments.of("f out of range", VALID.replace("f = 1", "f = -1"), "f", "-1 is outside [0, 10]"),
                Arguments.of("missing group id", VALID.replace("group.id = 7\n", ""), "group.id", "is required but missing"),
                Arguments.of("a replica missing", remove(VALID, "replica.3."), "replica.3.address", "is required but missing"),
                Arguments.of("a replica beyond 3f",
                        VALID + "replica.4.address = 127.0.0.1:7200\n", "replica.4.address", "names no replica"),
                Arguments.of("bad address", VALID.replace("127.0.0.1:7102", "127.0.0.1"),
                        "replica.2.address", "is not host:port"),
                Arguments.of("key not base64", replaceValue(VALID, "replica.1.signing-key", "not*base64"),
                        "replica.1.signing-key", "is not base64"),
                Arguments.of("key of the wrong length", replaceValue(VALID, "replica.1.agreement-key", "AAAA"),
                        "replica.1.agreement-key", "decodes to 3 bytes"),
                Arguments.of("client id too small", VALID.replace("client.1001.", "client.999."),
                        "client.999.signing-key", "client ids start at 1000"),
                Arguments.of("client key missing", remove(VALID, "client.1001.agreement-key"),
                        "client.1001.agreement-key", "is required but missing"),
                Arguments.of("log window below two checkpoint intervals",
                        VALID.replace("limits.log-window = 256", "limits.log-window = 200"),
                        "limits.log-window", "must be at least 2 x checkpoint-interval (128)"),
                Arguments.of("threshold above request max",
                        VALID.replace("limits.large-request-threshold-bytes = 4096",
                                "limits.large-request-threshold-bytes = 2097152"),
                        "limits.large-request-threshold-bytes", "cannot exceed request-bytes-max"),
                Arguments.of("status not shorter than view change",
                        VALID.replace("timeouts.status = 500ms", "timeouts.status = 5s"),
                        "timeouts.status", "must be shorter than view-change"),
                Arguments.of("bad duration", VALID.replace("timeouts.key-refresh = 300000ms", "timeouts.key-refresh = soon"),
                        "timeouts.key-refresh", "is not a duration"),
                Arguments.of("unknown durability", VALID.replace("durability = memory", "durability = fsync"),
                        "durability", "'fsync' is not a durability mode; choose one of memory, synced"),
                Arguments.of("unknown key", VALID + "limits.log-windw = 256\n", "limits.log-windw", "unknown key"),
                Arguments.of("duplicate address", VALID.replace("127.0.0.1:7103", "127.0.0.1:7100"),
                        null, "replica 3 shares address 127.0.0.1:7100"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void invalidFileIsRefusedNamingFileFieldAndReason(String name, String text, String field, String reason) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(text));
        assertEquals(FILE, e.file());
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith("group.conf"), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void errorsCarryTheLineNumber() {
        String text = VALID.replace("127.0.0.1:7102", "nowhere");
        ConfigException e = assertThrows(ConfigException.class, () -> parse(text));
        long line = text.lines().takeWhile(l -> !l.startsWith("replica.2.address")).count() + 1;
        assertTrue(e.getMessage().startsWith("group.conf:" + line + ": replica.2.address:"), e.getMessage());
    }

    @Test
    void loadNamesTheRealFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.conf");
        Files.writeString(file, VALID.replace("f = 1", "f = many"));
        ConfigException e = assertThrows(ConfigException.class, () -> GroupConfigFile.load(file));
        assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
    }

    private static String remove(String text, String keyPrefix) {
        return text.lines().filter(line -> !line.startsWith(keyPrefix)).reduce("", (a, b) -> a + b + "\n");
    }

    private static String replaceValue(String text, String key, String value) {
        return text.lines().map(line -> line.startsWith(key + " =") ? key + " = " + value : line)
                .reduce("", (a, b) -> a + b + "\n");
    }
}
