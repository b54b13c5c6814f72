package org.bftee.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --name value} (or {@code --name=value}) options of one command line, each given at
 * most once, with typed readers that reject a bad value with a message naming the option. Target
 * providers read their own options from it.
 */
public final class CommandLine {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

    private final Map<String, String> values;

    private CommandLine(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses {@code args}; {@code flags} are the options that take no value. Does not check which
     * options exist: the caller does, once it knows the target.
     */
    public static CommandLine parse(List<String> args, List<String> flags) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'; options start with --");
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (flags.contains(name)) {
                value = "true";
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new UsageException("option --" + name + " needs a value");
            }
            if (values.put(name, value) != null) {
                throw new UsageException("option --" + name + " is given twice");
            }
        }
        return new CommandLine(values);
    }

    public List<String> names() {
        return new ArrayList<>(values.keySet());
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Optional<String> text(String name) {
        String value = values.get(name);
        if (value != null && value.isBlank()) {
            throw new UsageException("option --" + name + " is empty");
        }
        return Optional.ofNullable(value);
    }

    public String text(String name, String defaultValue) {
        return text(name).orElse(defaultValue);
    }

    /** A whole number in {@code [min, max]}. */
    public long number(String name, long defaultValue, long min, long max) {
        return text(name).map(value -> number(name, value, min, max)).orElse(defaultValue);
    }

    /** A comma-separated list of whole numbers, each in {@code [min, max]}. */
    public List<Long> numbers(String name, String defaultValue, long min, long max) {
        List<Long> numbers = new ArrayList<>();
        for (String item : text(name, defaultValue).split(",", -1)) {
            numbers.add(number(name, item.strip(), min, max));
        }
        return numbers;
    }

    /** A comma-separated list of non-empty items. */
    public List<String> list(String name, String defaultValue) {
        List<String> items = new ArrayList<>();
        for (String item : text(name, defaultValue).split(",", -1)) {
            if (item.isBlank()) {
                throw new UsageException("option --" + name + " has an empty item in '" + values.get(name) + "'");
            }
            items.add(item.strip());
        }
        return items;
    }

    /** A duration such as {@code 500ms}, {@code 20s} or {@code 2m} (or {@code 0}), in {@code [min, max]}. */
    public Duration duration(String name, Duration defaultValue, Duration min, Duration max) {
        Optional<String> text = text(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        Duration duration = parseDuration(name, text.get());
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw new UsageException("option --" + name + " must be between " + show(min) + " and " + show(max)
                    + ", got " + text.get());
        }
        return duration;
    }

    private static Duration parseDuration(String name, String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw new UsageException("option --" + name + ": '" + text
                    + "' is not a duration; write a whole number with ms, s or m, such as 500ms, 20s or 2m");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    private static String show(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private static long number(String name, String text, long min, long max) {
        long number;
        try {
            number = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + ": '" + text + "' is not a whole number");
        }
        if (number < min || number > max) {
            throw new UsageException("option --" + name + " must be between " + min + " and " + max + ", got " + number);
        }
        return number;
    }
}
