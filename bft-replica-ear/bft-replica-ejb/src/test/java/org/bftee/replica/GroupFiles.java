package org.bftee.replica;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bftee.runtime.cli.BftCommand;

/** Writes valid group files the way operators do, with the {@code bft} command line. */
final class GroupFiles {

    private GroupFiles() {
    }

    /** Writes {@code directory/group.conf} for a group of four replicas ({@code f = 1}) on 127.0.0.1:7100..7103. */
    static Path writeGroupOfFour(Path directory) {
        return writeGroupOfFour(directory, new int[] {7100, 7101, 7102, 7103});
    }

    /** Writes {@code directory/group.conf} for a group of four replicas ({@code f = 1}) on 127.0.0.1 at {@code ports}. */
    static Path writeGroupOfFour(Path directory, int[] ports) {
        List<String> group = new ArrayList<>(List.of("group", "--group-id", "7", "--f", "1",
                "--keys-dir", directory.toString(), "--out", directory.resolve("group.conf").toString()));
        for (int id = 0; id < 4; id++) {
            bft("keygen", "--principal", "replica-" + id, "--out-dir", directory.toString());
            group.add("--replica");
            group.add(id + "=127.0.0.1:" + ports[id]);
        }
        bft(group.toArray(String[]::new));
        return directory.resolve("group.conf");
    }

    private static void bft(String... args) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(output, true, StandardCharsets.UTF_8);
        int status = BftCommand.run(List.of(args), stream, stream);
        if (status != 0) {
            throw new IllegalStateException("bft " + String.join(" ", args) + " failed with status " + status + ": "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }
}
