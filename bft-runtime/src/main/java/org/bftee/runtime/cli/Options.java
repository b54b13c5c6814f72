package org.bftee.runtime.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bftee.runtime.cli.BftCommand.UsageException;

/**
 * Parsed {@code --name value} options of one sub-command. Options a command does not declare are
 * usage errors; an option may repeat (for example {@code --replica}) and keeps its order.
 */
final class Options {

    private final Map<String, List<String>> values;

    private Options(Map<String, List<String>> values) {
        this.values = values;
    }

    static Options parse(List<String> args, Set<String> known) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new UsageException("option --" + name + " needs a value");
            }
            if (!known.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
            values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return new Options(values);
    }

    String required(String name) {
        List<String> list = values.get(name);
        if (list == null) {
            throw new UsageException("option --" + name + " is required");
        }
        if (list.size() > 1) {
            throw new UsageException("option --" + name + " may be given once");
        }
        return list.get(0);
    }

    String optional(String name, String defaultValue) {
        return values.containsKey(name) ? required(name) : defaultValue;
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    int integer(String name, String defaultValue) {
        String value = optional(name, defaultValue);
        if (value == null) {
            throw new UsageException("option --" + name + " is required");
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + ": '" + value + "' is not a whole number");
        }
    }
}
