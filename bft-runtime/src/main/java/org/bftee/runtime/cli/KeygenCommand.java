package org.bftee.runtime.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.bftee.core.crypto.PrincipalKeys;
import org.bftee.runtime.cli.BftCommand.UsageException;
import org.bftee.runtime.keys.KeyFiles;
import org.bftee.runtime.keys.Principal;
import org.bftee.runtime.keys.SecureRandomSource;

/** {@code bft keygen}: writes a principal's private key file (owner-only) and public key file. */
final class KeygenCommand {

    static final Set<String> OPTIONS = Set.of("principal", "out-dir");

    static final String HELP = BftCommand.join(
            "usage: bft keygen --principal replica-<id>|client-<id> [--out-dir DIR]",
            "",
            "Writes DIR/<principal>.key (private keys, permissions 600) and DIR/<principal>.pub",
            "(public keys, for 'bft group'). DIR defaults to the current directory and is created",
            "if missing. Existing files are never overwritten.");

    private KeygenCommand() {
    }

    static int run(Options options, PrintStream out) throws IOException {
        Principal principal;
        try {
            principal = Principal.parse(options.required("principal"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--principal: " + e.getMessage());
        }
        Path directory = Path.of(options.optional("out-dir", "."));
        Files.createDirectories(directory);
        Path privateFile = directory.resolve(KeyFiles.privateFileName(principal));
        Path publicFile = directory.resolve(KeyFiles.publicFileName(principal));
        if (Files.exists(privateFile) || Files.exists(publicFile)) {
            throw new IOException("refusing to overwrite the existing keys of " + principal + " in " + directory
                    + "; delete " + privateFile.getFileName() + " and " + publicFile.getFileName() + " first");
        }
        PrincipalKeys keys = PrincipalKeys.generate(new SecureRandomSource());
        KeyFiles.writePrivate(privateFile, principal, keys);
        KeyFiles.writePublic(publicFile, principal, keys.publicIdentity());
        out.println("wrote " + privateFile + " (private, owner-only) and " + publicFile);
        return BftCommand.EXIT_OK;
    }
}
