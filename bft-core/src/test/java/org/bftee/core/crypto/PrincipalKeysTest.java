package org.bftee.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class PrincipalKeysTest {

    @Test
    void rawBytesRoundTrip() {
        PrincipalKeys keys = PrincipalKeys.generate(new DeterministicRandom(1));
        PrincipalKeys again = PrincipalKeys.fromRaw(keys.signingPrivateKeyBytes(), keys.agreementPrivateKeyBytes());
        assertEquals(keys.publicIdentity(), again.publicIdentity());
        PublicIdentity identity = PublicIdentity.fromRaw(keys.publicIdentity().signingPublicKeyBytes(),
                keys.publicIdentity().agreementPublicKeyBytes());
        assertEquals(keys.publicIdentity(), identity);
        assertEquals(keys.publicIdentity().hashCode(), identity.hashCode());
    }

    @Test
    void sameSeedSameKeysOtherSeedOtherKeys() {
        assertEquals(PrincipalKeys.generate(new DeterministicRandom(7)).publicIdentity(),
                PrincipalKeys.generate(new DeterministicRandom(7)).publicIdentity());
        assertNotEquals(PrincipalKeys.generate(new DeterministicRandom(7)).publicIdentity(),
                PrincipalKeys.generate(new DeterministicRandom(8)).publicIdentity());
    }

    @Test
    void publicKeysMatchRfcVectors() {
        HexFormat hex = HexFormat.of();
        // RFC 8032 §7.1 TEST 1 and RFC 7748 §6.1 (Alice).
        PrincipalKeys keys = PrincipalKeys.fromRaw(
                hex.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"),
                hex.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        assertArrayEquals(hex.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"),
                keys.publicIdentity().signingPublicKeyBytes());
        assertArrayEquals(hex.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"),
                keys.publicIdentity().agreementPublicKeyBytes());
    }

    @Test
    void wrongLengthsAreRefused() {
        byte[] ok = new byte[32];
        assertThrows(IllegalArgumentException.class, () -> PrincipalKeys.fromRaw(new byte[31], ok));
        assertThrows(IllegalArgumentException.class, () -> PrincipalKeys.fromRaw(ok, new byte[33]));
        assertThrows(IllegalArgumentException.class, () -> PrincipalKeys.fromRaw(null, ok));
        assertThrows(IllegalArgumentException.class, () -> PublicIdentity.fromRaw(new byte[64], ok));
        assertThrows(IllegalArgumentException.class, () -> PublicIdentity.fromRaw(ok, new byte[0]));
    }

    @Test
    void invalidEd25519PointIsRefused() {
        byte[] notAPoint = new byte[32];
        Arrays.fill(notAPoint, (byte) 0xff);
        assertThrows(IllegalArgumentException.class, () -> PublicIdentity.fromRaw(notAPoint, new byte[32]));
    }

    @Test
    void accessorsReturnCopies() {
        PrincipalKeys keys = PrincipalKeys.generate(new DeterministicRandom(3));
        keys.signingPrivateKeyBytes()[0] ^= 1;
        keys.publicIdentity().agreementPublicKeyBytes()[0] ^= 1;
        assertEquals(keys.publicIdentity(), PrincipalKeys.fromRaw(keys.signingPrivateKeyBytes(),
                keys.agreementPrivateKeyBytes()).publicIdentity());
    }

    @Test
    void toStringShowsNoPrivateKey() {
        PrincipalKeys keys = PrincipalKeys.generate(new DeterministicRandom(4));
        String text = keys.toString();
        assertFalse(text.contains(HexFormat.of().formatHex(keys.signingPrivateKeyBytes(), 0, 4)));
        assertFalse(text.contains(HexFormat.of().formatHex(keys.agreementPrivateKeyBytes(), 0, 4)));
    }
}
