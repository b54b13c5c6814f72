package org.bftee.runtime.keys;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

import org.bftee.core.crypto.PrincipalKeys;
import org.bftee.core.crypto.PublicIdentity;
import org.bftee.runtime.config.ConfigException;
import org.bftee.runtime.config.ConfigText;

/**
 * Key files of a principal. The private file ({@code replica-0.key}) holds the raw Ed25519 and X25519
 * private keys in base64 and must be readable by its owner only; the public file
 * ({@code replica-0.pub}) holds the public keys that {@code bft group} assembles into the group file.
 *
 * <pre>
 * format = bft-ee-private-key-1
 * principal = replica-0
 * signing-private-key = (base64, 32 bytes)
 * agreement-private-key = (base64, 32 bytes)
 * </pre>
 *
 * A file in the wrong format, for another principal, or (private files) open to other users is
 * refused with a message naming the file and what to do.
 */
public final class KeyFiles {

    public static final String PRIVATE_FORMAT = "bft-ee-private-key-1";
    public static final String PUBLIC_FORMAT = "bft-ee-public-key-1";

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OPEN_TO_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private KeyFiles() {
    }

    /** The private key file name of {@code principal}: {@code replica-0.key}. */
    public static String privateFileName(Principal principal) {
        return principal + ".key";
    }

    /** The public key file name of {@code principal}: {@code replica-0.pub}. */
    public static String publicFileName(Principal principal) {
        return principal + ".pub";
    }

    /**
     * Writes {@code keys} to {@code file}, created with owner-only permissions before any secret is
     * written to it. Refuses to overwrite an existing file: replacing a principal's keys is a
     * deliberate act (delete the old file first).
     */
    public static void writePrivate(Path file, Principal principal, PrincipalKeys keys) throws IOException {
        Base64.Encoder base64 = Base64.getEncoder();
        String text = "# BFT-EE private keys of " + principal + ". Keep this file secret: owner-only permissions.\n"
                + "format = " + PRIVATE_FORMAT + "\n"
                + "principal = " + principal + "\n"
                + "signing-private-key = " + base64.encodeToString(keys.signingPrivateKeyBytes()) + "\n"
                + "agreement-private-key = " + base64.encodeToString(keys.agreementPrivateKeyBytes()) + "\n";
        createNew(file, true, text);
    }

    /** Writes the public half of a principal's keys to {@code file}; refuses to overwrite. */
    public static void writePublic(Path file, Principal principal, PublicIdentity identity) throws IOException {
        Base64.Encoder base64 = Base64.getEncoder();
        String text = "# BFT-EE public keys of " + principal + ". Share this file; 'bft group' reads it.\n"
                + "format = " + PUBLIC_FORMAT + "\n"
                + "principal = " + principal + "\n"
                + "signing-key = " + base64.encodeToString(identity.signingPublicKeyBytes()) + "\n"
                + "agreement-key = " + base64.encodeToString(identity.agreementPublicKeyBytes()) + "\n";
        createNew(file, false, text);
    }

    /** A private key file's principal and keys, after checking its permissions and format. */
    public record PrivateKeyFile(Principal principal, PrincipalKeys keys) {
    }

    /** A public key file's principal and keys. */
    public record PublicKeyFile(Principal principal, PublicIdentity identity) {
    }

    /**
     * Reads a private key file.
     *
     * @throws ConfigException if the file is open to other users, malformed, or holds bad keys
     */
    public static PrivateKeyFile readPrivate(Path file) {
        checkOwnerOnly(file);
        ConfigText text = ConfigText.read(file);
        checkFormat(text, PRIVATE_FORMAT);
        Principal principal = principal(text);
        byte[] signing = key(text, "signing-private-key", PrincipalKeys.KEY_LENGTH);
        byte[] agreement = key(text, "agreement-private-key", PrincipalKeys.KEY_LENGTH);
        text.rejectUnknownKeys();
        return new PrivateKeyFile(principal, PrincipalKeys.fromRaw(signing, agreement));
    }

    /** Reads a public key file. */
    public static PublicKeyFile readPublic(Path file) {
        ConfigText text = ConfigText.read(file);
        checkFormat(text, PUBLIC_FORMAT);
        Principal principal = principal(text);
        byte[] signing = key(text, "signing-key", PublicIdentity.KEY_LENGTH);
        byte[] agreement = key(text, "agreement-key", PublicIdentity.KEY_LENGTH);
        text.rejectUnknownKeys();
        try {
            return new PublicKeyFile(principal, PublicIdentity.fromRaw(signing, agreement));
        } catch (IllegalArgumentException e) {
            throw text.error("signing-key", e.getMessage());
        }
    }

    /**
     * Reads a private key file and checks that it belongs to {@code expected}, so that a replica
     * started with another replica's key file stops at once with a clear message.
     */
    public static PrincipalKeys readPrivate(Path file, Principal expected) {
        PrivateKeyFile keyFile = readPrivate(file);
        if (!keyFile.principal().equals(expected)) {
            throw new ConfigException(file, "principal", "the file holds the keys of " + keyFile.principal()
                    + ", expected " + expected);
        }
        return keyFile.keys();
    }

    private static void checkOwnerOnly(Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            // No POSIX permissions on this file system (Windows): access is governed by ACLs that
            // the operator manages; there is nothing portable to check here.
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = view.readAttributes().permissions();
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, null, "file does not exist", e);
        } catch (IOException e) {
            throw new ConfigException(file, null, "cannot read the file's permissions: " + e.getMessage(), e);
        }
        if (permissions.stream().anyMatch(OPEN_TO_OTHERS::contains)) {
            throw new ConfigException(file, null, "private key file has permissions "
                    + PosixFilePermissions.toString(permissions)
                    + ", open to other users; run 'chmod 600 " + file + "' (and consider the key compromised)");
        }
    }

    private static void checkFormat(ConfigText text, String expected) {
        String format = text.string("format");
        if (!format.equals(expected)) {
            throw text.error("format", "is '" + format + "', expected '" + expected + "'");
        }
    }

    private static Principal principal(ConfigText text) {
        try {
            return Principal.parse(text.string("principal"));
        } catch (IllegalArgumentException e) {
            throw text.error("principal", e.getMessage());
        }
    }

    private static byte[] key(ConfigText text, String name, int length) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.string(name));
        } catch (IllegalArgumentException e) {
            throw text.error(name, "is not base64");
        }
        if (key.length != length) {
            throw text.error(name, "decodes to " + key.length + " bytes, expected " + length);
        }
        return key;
    }

    private static void createNew(Path file, boolean secret, String text) throws IOException {
        boolean posix = Files.getFileStore(file.toAbsolutePath().getParent()).supportsFileAttributeView("posix");
        FileAttribute<?>[] attributes = secret && posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        try {
            Files.createFile(file, attributes);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(file.toString(), null,
                    "refusing to overwrite an existing key file; delete it first if you mean to replace it");
        }
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write(text);
        }
    }
}
