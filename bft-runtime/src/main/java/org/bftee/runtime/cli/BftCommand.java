package org.bftee.runtime.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import org.bftee.runtime.config.ConfigException;

/**
 * The {@code bft} command line: {@code bft keygen}, {@code bft group}, {@code bft replica},
 * {@code bft client}, {@code bft help}.
 * Each sub-command is a class of its own; this one only dispatches and turns failures into a
 * one-line message and an exit status (0 success, 1 failure, 2 wrong usage).
 */
public final class BftCommand {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    private static final String USAGE = """
            usage: bft <command> [options]

            commands:
              keygen   write a replica's or client's key pair (private file owner-only)
              group    assemble a group configuration file from public key files
              replica  run one replica of a group in the foreground
              client   run key-value operations against a group
              help     show this text, or 'bft help <command>' for a command's options
            """;

    private BftCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Runs the command line {@code args}; returns the exit status. Never calls {@code System.exit}. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.print(USAGE);
            return EXIT_USAGE;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (args.get(0)) {
                case "keygen" -> KeygenCommand.run(Options.parse(rest, KeygenCommand.OPTIONS), out);
                case "group" -> GroupCommand.run(Options.parse(rest, GroupCommand.OPTIONS), out);
                case "replica" -> ReplicaCommand.run(Options.parse(rest, ReplicaCommand.OPTIONS), out);
                case "client" -> ClientCommand.run(Options.parse(rest, ClientCommand.OPTIONS), out);
                case "help", "--help", "-h" -> help(rest, out);
                default -> {
                    err.println("bft: unknown command '" + args.get(0) + "'");
                    err.print(USAGE);
                    yield EXIT_USAGE;
                }
            };
        } catch (UsageException e) {
            err.println("bft " + args.get(0) + ": " + e.getMessage());
            err.println("run 'bft help " + args.get(0) + "' for the options");
            return EXIT_USAGE;
        } catch (ConfigException e) {
            err.println("bft " + args.get(0) + ": " + e.getMessage());
            return EXIT_FAILURE;
        } catch (java.io.IOException | org.bftee.runtime.driver.StateDirectoryException e) {
            err.println("bft " + args.get(0) + ": " + e.getMessage());
            return EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("bft " + args.get(0) + ": interrupted");
            return EXIT_FAILURE;
        }
    }

    private static int help(List<String> args, PrintStream out) {
        String command = args.isEmpty() ? "" : args.get(0);
        switch (command) {
            case "keygen" -> out.print(KeygenCommand.HELP);
            case "group" -> out.print(GroupCommand.HELP);
            case "replica" -> out.print(ReplicaCommand.HELP);
            case "client" -> out.print(ClientCommand.HELP);
            default -> out.print(USAGE);
        }
        return EXIT_OK;
    }

    /** Wrong use of the command line: reported with a hint, exit status 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static String join(String... lines) {
        return String.join("\n", Arrays.asList(lines)) + "\n";
    }
}
