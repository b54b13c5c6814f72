package org.bftee.bench.load;

import java.util.Map;

/**
 * A kind of target the command line can open ({@code --target NAME}): what it is, its own options,
 * and how to build its factory from them. Register one in {@link LoadTargetFactories#standard()}.
 */
public interface TargetProvider {

    /** One line for the help. */
    String description();

    /**
     * The provider's options, without the leading dashes, each with its help line (say what the
     * default is). Every name starts with the target's name and a dash ({@code echo-delay-micros}),
     * so that targets cannot take each other's or the tool's options.
     */
    Map<String, String> options();

    /**
     * Builds the factory from the command line, reading only this provider's options; a bad value
     * is a {@link UsageException}, any other failure a failed run.
     */
    LoadTargetFactory open(CommandLine options) throws Exception;

    /** Builds a factory from the command line: the one method a provider made by {@link #of} needs. */
    @FunctionalInterface
    interface Opener {
        LoadTargetFactory open(CommandLine options) throws Exception;
    }

    /** A provider from its parts, for registering a target in one expression. */
    static TargetProvider of(String description, Map<String, String> options, Opener opener) {
        Map<String, String> copied = Map.copyOf(options);
        return new TargetProvider() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public Map<String, String> options() {
                return copied;
            }

            @Override
            public LoadTargetFactory open(CommandLine commandLine) throws Exception {
                return opener.open(commandLine);
            }
        };
    }
}
