package org.bftee.runtime.config;

import java.nio.file.Path;

/**
 * A configuration or key file that cannot be used. The message always names the file, the field
 * (and line, where there is one) and what is wrong, so an operator can fix it without reading code.
 */
public final class ConfigException extends RuntimeException {

    private final transient Path file;
    private final String field;

    public ConfigException(Path file, int line, String field, String reason) {
        super(format(file, line, field, reason));
        this.file = file;
        this.field = field;
    }

    public ConfigException(Path file, String field, String reason) {
        this(file, 0, field, reason);
    }

    public ConfigException(Path file, String field, String reason, Throwable cause) {
        super(format(file, 0, field, reason), cause);
        this.file = file;
        this.field = field;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The field at fault, or {@code null} when the file as a whole is (unreadable, wrong format). */
    public String field() {
        return field;
    }

    private static String format(Path file, int line, String field, String reason) {
        StringBuilder message = new StringBuilder().append(file);
        if (line > 0) {
            message.append(':').append(line);
        }
        if (field != null) {
            message.append(": ").append(field);
        }
        return message.append(": ").append(reason).toString();
    }
}
