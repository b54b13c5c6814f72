package org.bftee.runtime.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.bftee.core.crypto.PrincipalKeys;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.ServiceResult;
import org.bftee.core.service.kv.KvOperation;
import org.bftee.core.service.kv.KvOperations;
import org.bftee.runtime.cli.BftCommand.UsageException;
import org.bftee.runtime.client.BftClient;
import org.bftee.runtime.client.BftClientException;
import org.bftee.runtime.client.BftClientOptions;
import org.bftee.runtime.config.GroupConfig;
import org.bftee.runtime.config.GroupConfigFile;
import org.bftee.runtime.config.ServiceChoice;
import org.bftee.runtime.keys.KeyFiles;
import org.bftee.runtime.keys.Principal;

/** {@code bft client}: runs key-value operations against a group, one after the other, and prints each result. */
final class ClientCommand {

    static final Set<String> OPTIONS = Set.of("group", "id", "key", "op", "timeout-seconds", "service");

    static final String HELP = BftCommand.join(
            "usage: bft client --group FILE --id N [--key FILE] --op OPERATION [--op ...] [--timeout-seconds S]",
            "                  [--service shipped|kv]",
            "",
            "Runs each OPERATION against the key-value store of the group in FILE, as client N:",
            "  'put KEY VALUE'   store VALUE under KEY",
            "  'get KEY'         read KEY through the ordered protocol",
            "  'read KEY'        read KEY with a read-only request (no ordering)",
            "  'delete KEY'      remove KEY",
            "--key defaults to client-N.key beside the group file; each operation waits at most",
            "S seconds (default 30). --service says what the replicas run (as bft replica's option,",
            "default shipped). Prints one line per operation: its result code and value.");

    private ClientCommand() {
    }

    static int run(Options options, PrintStream out) throws InterruptedException {
        Path groupFile = Path.of(options.required("group"));
        int id = options.integer("id", null);
        GroupConfig group = GroupConfigFile.load(groupFile);
        if (group.client(id).isEmpty()) {
            throw new UsageException("--id: client " + id + " is not in " + groupFile);
        }
        Principal principal = Principal.client(id);
        Path keyFile = Path.of(options.optional("key",
                groupFile.toAbsolutePath().resolveSibling(KeyFiles.privateFileName(principal)).toString()));
        PrincipalKeys keys = KeyFiles.readPrivate(keyFile, principal);
        List<String> operations = options.all("op");
        if (operations.isEmpty()) {
            throw new UsageException("give at least one --op");
        }
        ServiceChoice service;
        try {
            service = ServiceChoice.named(options.optional("service", ServiceChoice.DEFAULT.configName()));
            service.kvOperation(Bytes.EMPTY);
        } catch (IllegalArgumentException | IllegalStateException unsupported) {
            throw new UsageException("--service: " + unsupported.getMessage() + "; bft client runs key-value operations");
        }
        List<Parsed> parsed = operations.stream().map(text -> parse(text, service)).toList();
        BftClientOptions clientOptions = BftClientOptions.defaults()
                .withCallTimeout(Duration.ofSeconds(options.integer("timeout-seconds", "30")));
        int exit = BftCommand.EXIT_OK;
        try (BftClient client = BftClient.connect(group, id, keys, clientOptions, null)) {
            for (Parsed operation : parsed) {
                try {
                    Bytes result = client.invoke(operation.encoded(), operation.readOnly());
                    out.println(operation.text() + " -> " + describe(result));
                } catch (BftClientException failed) {
                    out.println(operation.text() + " -> failed: " + failed.getMessage());
                    exit = BftCommand.EXIT_FAILURE;
                }
            }
        } catch (BftClientException.GroupUnreachable unreachable) {
            out.println("cannot reach the group: " + unreachable.getMessage());
            return BftCommand.EXIT_FAILURE;
        }
        return exit;
    }

    private record Parsed(String text, Bytes encoded, boolean readOnly) {
    }

    private static Parsed parse(String text, ServiceChoice service) {
        String[] words = text.trim().split("\\s+", 3);
        KvOperation operation = switch (words[0]) {
            case "put" -> {
                requireWords(text, words, 3);
                yield new KvOperation.Put(bytes(words[1]), bytes(words[2]));
            }
            case "get", "read" -> {
                requireWords(text, words, 2);
                yield new KvOperation.Get(bytes(words[1]));
            }
            case "delete" -> {
                requireWords(text, words, 2);
                yield new KvOperation.Delete(bytes(words[1]));
            }
            default -> throw new UsageException("--op '" + text + "': the operation must be put, get, read or delete");
        };
        return new Parsed(text, service.kvOperation(KvOperations.encode(operation)), words[0].equals("read"));
    }

    private static void requireWords(String text, String[] words, int count) {
        if (words.length != count) {
            throw new UsageException("--op '" + text + "': " + words[0] + " takes " + (count - 1)
                    + (count == 2 ? " argument" : " arguments"));
        }
    }

    private static String describe(Bytes result) {
        return ServiceResult.decode(result)
                .map(decoded -> decoded.code() + (decoded.payload().length() > 0
                        ? " " + new String(decoded.payload().toByteArray(), StandardCharsets.UTF_8) : ""))
                .orElse("unreadable result of " + result.length() + " bytes");
    }

    private static Bytes bytes(String text) {
        return Bytes.of(text.getBytes(StandardCharsets.UTF_8));
    }
}
