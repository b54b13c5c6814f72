package org.bftee.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTextTest {

    private static final Path FILE = Path.of("test.conf");

    private static ConfigText parse(String text) {
        return ConfigText.parse(FILE, text);
    }

    @Test
    void readsValuesSkippingCommentsAndBlankLines() {
        ConfigText text = parse("# comment\n\n a.b = 1 \nc-d=two words\n");
        assertEquals(1, text.integer("a.b", 0, 5));
        assertEquals("two words", text.string("c-d"));
        text.rejectUnknownKeys();
    }

    @Test
    void duplicateKeyNamesBothLines() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("a = 1\nb = 2\na = 3\n"));
        assertEquals("test.conf:3: a: appears twice (first on line 1)", e.getMessage());
    }

    @Test
    void lineWithoutEqualsIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("a = 1\njust words\n"));
        assertEquals("test.conf:2: expected 'key = value', got 'just words'", e.getMessage());
    }

    @Test
    void invalidKeyIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("Bad Key = 1\n"));
        assertTrue(e.getMessage().startsWith("test.conf:1: Bad Key: not a valid key"), e.getMessage());
    }

    @Test
    void unknownKeyIsRefusedWithItsLine() {
        ConfigText text = parse("known = 1\ntypo = 2\n");
        text.string("known");
        ConfigException e = assertThrows(ConfigException.class, text::rejectUnknownKeys);
        assertEquals("test.conf:2: typo: unknown key", e.getMessage());
        assertEquals("typo", e.field());
    }

    @Test
    void missingRequiredKeyIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("a = 1\n").string("b"));
        assertEquals("test.conf: b: is required but missing", e.getMessage());
    }

    @Test
    void integersAreCheckedAgainstTheirRange() {
        ConfigText text = parse("a = 12\nb = x\nc = 99999999999\n");
        assertEquals("test.conf:1: a: 12 is outside [0, 10]",
                assertThrows(ConfigException.class, () -> text.integer("a", 0, 10)).getMessage());
        assertEquals("test.conf:2: b: 'x' is not a whole number",
                assertThrows(ConfigException.class, () -> text.integer("b", 0, 10)).getMessage());
        assertThrows(ConfigException.class, () -> text.integer("c", 0, Integer.MAX_VALUE));
    }

    @Test
    void durationsAndSizesParseWithUnits() {
        ConfigText text = parse("d1 = 500ms\nd2 = 2s\nd3 = 5m\nd4 = 1h\ns1 = 4096\ns2 = 64 KiB\ns3 = 1MiB\n");
        assertEquals(Duration.ofMillis(500), text.duration("d1", null));
        assertEquals(Duration.ofSeconds(2), text.duration("d2", null));
        assertEquals(Duration.ofMinutes(5), text.duration("d3", null));
        assertEquals(Duration.ofHours(1), text.duration("d4", null));
        assertEquals(4096, text.bytes("s1", 0));
        assertEquals(64 * 1024, text.bytes("s2", 0));
        assertEquals(1024 * 1024, text.bytes("s3", 0));
        assertEquals(Duration.ofSeconds(9), text.duration("absent", Duration.ofSeconds(9)));
    }

    @Test
    void badDurationAndSizeAreRefused() {
        ConfigText text = parse("d = 2 weeks\ns = 3GiB\nt = -1\n");
        assertTrue(assertThrows(ConfigException.class, () -> text.duration("d", null)).getMessage()
                .contains("is not a duration"));
        assertTrue(assertThrows(ConfigException.class, () -> text.bytes("s", 0)).getMessage()
                .contains("is larger than"));
        assertTrue(assertThrows(ConfigException.class, () -> text.bytes("t", 0)).getMessage()
                .contains("is not a size"));
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path file = dir.resolve("absent.conf");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigText.read(file));
        assertEquals(file + ": file does not exist", e.getMessage());
    }

    @Test
    void oversizedFileIsRefusedBeforeReading(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.conf");
        Files.write(file, new byte[(int) ConfigText.FILE_BYTES_MAX + 1]);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigText.read(file));
        assertTrue(e.getMessage().contains("more than the"), e.getMessage());
    }

    @Test
    void nonUtf8FileIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.conf");
        Files.write(file, new byte[] {'a', ' ', '=', ' ', (byte) 0xE9, '\n'});
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigText.read(file));
        assertEquals(file + ": file is not UTF-8 text", e.getMessage());
    }
}
