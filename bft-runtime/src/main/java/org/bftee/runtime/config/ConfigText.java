package org.bftee.runtime.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code key = value} text file that remembers the line of every key, so that every error can
 * point at it. Used for group configuration and key files. Comments start with {@code #}; a key
 * may appear once; every key must be consumed by the reader, so a misspelt key is an error rather
 * than a silently ignored setting.
 */
public final class ConfigText {

    /** Configuration files are small; a larger file is refused before it is read. */
    public static final long FILE_BYTES_MAX = 1024 * 1024;

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9.\\-]*");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,10})\\s*(B|KiB|MiB|GiB)?");

    private final Path file;
    private final Map<String, Entry> entries;
    private final Set<String> consumed = new TreeSet<>();

    private record Entry(String value, int line) {
    }

    private ConfigText(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** Reads and parses {@code file}; unreadable, oversized, non-UTF-8 or malformed files are refused. */
    public static ConfigText read(Path file) {
        String text;
        try {
            long size = Files.size(file);
            if (size > FILE_BYTES_MAX) {
                throw new ConfigException(file, null, "file is " + size + " bytes, more than the "
                        + FILE_BYTES_MAX + " a configuration file may have");
            }
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, null, "file does not exist", e);
        } catch (CharacterCodingException e) {
            throw new ConfigException(file, null, "file is not UTF-8 text", e);
        } catch (IOException e) {
            throw new ConfigException(file, null, "cannot read file: " + e.getMessage(), e);
        }
        return parse(file, text);
    }

    /** Parses {@code text} as if read from {@code file} (which is only used in messages). */
    public static ConfigText parse(Path file, String text) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw new ConfigException(file, lineNumber, null, "expected 'key = value', got '" + abbreviate(line) + "'");
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            if (!KEY.matcher(key).matches()) {
                throw new ConfigException(file, lineNumber, abbreviate(key),
                        "not a valid key (lower-case letters, digits, '.' and '-')");
            }
            Entry previous = entries.putIfAbsent(key, new Entry(value, lineNumber));
            if (previous != null) {
                throw new ConfigException(file, lineNumber, key, "appears twice (first on line " + previous.line + ")");
            }
        }
        return new ConfigText(file, entries);
    }

    public Path file() {
        return file;
    }

    /** Whether {@code key} is present. Does not consume it. */
    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** Keys beginning with {@code prefix}, in file order. Does not consume them. */
    public Set<String> keysStartingWith(String prefix) {
        Set<String> keys = new java.util.LinkedHashSet<>();
        for (String key : entries.keySet()) {
            if (key.startsWith(prefix)) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** The value of a required key. */
    public String string(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            throw new ConfigException(file, key, "is required but missing");
        }
        consumed.add(key);
        if (entry.value.isEmpty()) {
            throw error(key, "is empty");
        }
        return entry.value;
    }

    /** The value of an optional key, or {@code defaultValue}. */
    public String string(String key, String defaultValue) {
        return has(key) ? string(key) : defaultValue;
    }

    public int integer(String key, int min, int max) {
        String value = string(key);
        return parseInteger(key, value, min, max);
    }

    public int integer(String key, int min, int max, int defaultValue) {
        return has(key) ? integer(key, min, max) : defaultValue;
    }

    /** A size in bytes: {@code 4096}, {@code 4 KiB}, {@code 1MiB}. */
    public int bytes(String key, int defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        String value = string(key);
        Matcher matcher = SIZE.matcher(value);
        if (!matcher.matches()) {
            throw error(key, "'" + abbreviate(value) + "' is not a size (examples: 4096, 64 KiB, 1 MiB)");
        }
        long number = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "B" : matcher.group(2);
        long multiplier = switch (unit) {
            case "KiB" -> 1024L;
            case "MiB" -> 1024L * 1024;
            case "GiB" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        long bytes = number * multiplier;
        if (bytes > Integer.MAX_VALUE) {
            throw error(key, "'" + value + "' is larger than " + Integer.MAX_VALUE + " bytes");
        }
        return (int) bytes;
    }

    /** A duration: {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}. */
    public Duration duration(String key, Duration defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        String value = string(key);
        Matcher matcher = DURATION.matcher(value);
        if (!matcher.matches()) {
            throw error(key, "'" + abbreviate(value) + "' is not a duration (examples: 500ms, 2s, 5m, 1h)");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /** A required value that {@code valid} accepts; otherwise an error saying what was {@code expected}. */
    public String matching(String key, Predicate<String> valid, String expected) {
        String value = string(key);
        if (!valid.test(value)) {
            throw error(key, "'" + abbreviate(value) + "' is not " + expected);
        }
        return value;
    }

    /** Refuses keys that no reader consumed: they are misspellings or settings this version does not know. */
    public void rejectUnknownKeys() {
        for (Map.Entry<String, Entry> entry : entries.entrySet()) {
            if (!consumed.contains(entry.getKey())) {
                throw new ConfigException(file, entry.getValue().line, entry.getKey(), "unknown key");
            }
        }
    }

    /** An error about {@code key}, pointing at its line. */
    public ConfigException error(String key, String reason) {
        Entry entry = entries.get(key);
        return new ConfigException(file, entry == null ? 0 : entry.line, key, reason);
    }

    /** An error about the file as a whole. */
    public ConfigException error(String reason) {
        return new ConfigException(file, null, reason);
    }

    private int parseInteger(String key, String value, int min, int max) {
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw error(key, "'" + abbreviate(value) + "' is not a whole number");
        }
        if (parsed < min || parsed > max) {
            throw error(key, value + " is outside [" + min + ", " + max + "]");
        }
        return (int) parsed;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
