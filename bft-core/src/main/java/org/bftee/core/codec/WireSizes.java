package org.bftee.core.codec;

import org.bftee.core.crypto.Authenticator;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bitmap;

/**
 * Encoded sizes of fields and of the largest message of each fixed-shape kind, in {@code long} so
 * that no product of limits overflows. The body codecs' Javadoc is the format; these sums follow
 * it, and a test encodes the largest messages to check that they agree.
 */
final class WireSizes {

    static final int U8 = 1;
    static final int INT = 4;
    static final int LONG = 8;
    static final int DIGEST = Digest.LENGTH;
    /** A length or count prefix. */
    static final int PREFIX = INT;

    /** Tag count and tag length bytes that start every authenticator, in the trailer and in a request. */
    static final int AUTHENTICATOR_PREFIX = 2 * U8;

    /** client, lane, timestamp, flags, operation length: the request fields before the operation. */
    static final int REQUEST_FIXED = INT + INT + LONG + U8 + PREFIX;

    /** The smallest request: empty operation, and a one-byte signature or a single shortest tag. */
    static final int REQUEST_MIN = REQUEST_FIXED
            + Math.min(PREFIX + 1, AUTHENTICATOR_PREFIX + Authenticator.TAG_LENGTH_MIN);

    /** client, lane, timestamp, digest. */
    static final int REQUEST_DIGEST = INT + INT + LONG + DIGEST;

    /** The smallest batch entry: its kind byte and the smaller of the two kinds. */
    static final int BATCH_ENTRY_MIN = U8 + Math.min(REQUEST_MIN, REQUEST_DIGEST);

    static final int CHECKPOINT_ENTRY = LONG + DIGEST;
    static final int PREPARED_ENTRY = LONG + DIGEST + LONG;
    static final int DIGEST_VIEW = DIGEST + LONG;
    static final int PRE_PREPARED_ENTRY_MIN = LONG + PREFIX;
    static final int VIEW_CHANGE_REF = INT + DIGEST;
    static final int DECISION = LONG + DIGEST;
    static final int SEALED_SESSION_KEY_MIN = INT + PREFIX;
    static final int PARTITION_SUMMARY = LONG + LONG + DIGEST;
    /** A bitmap's bit count; its packed bytes follow. */
    static final int BITMAP_MIN = PREFIX;

    private WireSizes() {
    }

    /** Header, body and the largest trailer. */
    static long frameBytes(long bodyBytes, int replicasMax) {
        return FrameHeader.LENGTH + bodyBytes + trailerBytesMax(replicasMax);
    }

    static long trailerBytesMax(int replicasMax) {
        return AUTHENTICATOR_PREFIX + (long) replicasMax * Authenticator.TAG_LENGTH_MAX;
    }

    static long requestBodyMax(int operationBytesMax, int replicasMax, int signatureBytesMax) {
        long authentication = Math.max(trailerBytesMax(replicasMax), PREFIX + (long) signatureBytesMax);
        return REQUEST_FIXED + (long) operationBytesMax + authentication;
    }

    static long prePrepareBodyMax(int nonDeterministicBytesMax, int requests, long requestBodyMax) {
        return LONG + LONG + PREFIX + (long) nonDeterministicBytesMax + PREFIX
                + requests * (U8 + Math.max(requestBodyMax, REQUEST_DIGEST));
    }

    static long replyBodyMax(int resultBytesMax) {
        return LONG + INT + INT + LONG + INT + U8 + PREFIX + (long) resultBytesMax;
    }

    static long dataBodyMax(int dataValueBytesMax) {
        return LONG + LONG + PREFIX + (long) dataValueBytesMax + INT;
    }

    static long newKeyBodyMax(int publicKeyBytesMax, int sealedKeysMax, int sealedKeyBytesMax,
                              int signatureBytesMax) {
        return INT + LONG + PREFIX + (long) publicKeyBytesMax
                + PREFIX + (long) sealedKeysMax * (SEALED_SESSION_KEY_MIN + (long) sealedKeyBytesMax)
                + PREFIX + (long) signatureBytesMax;
    }

    static long viewChangeBodyMax(int logWindowMax, int digestViewsPerEntryMax) {
        return LONG + LONG
                + PREFIX + (long) logWindowMax * CHECKPOINT_ENTRY
                + PREFIX + (long) logWindowMax * PREPARED_ENTRY
                + PREFIX + (long) logWindowMax * (PRE_PREPARED_ENTRY_MIN + (long) digestViewsPerEntryMax * DIGEST_VIEW)
                + INT;
    }

    static long newViewBodyMax(int viewChangeRefsMax, int logWindowMax) {
        return LONG + PREFIX + (long) viewChangeRefsMax * VIEW_CHANGE_REF + CHECKPOINT_ENTRY
                + PREFIX + (long) logWindowMax * DECISION;
    }

    static long statusBodyMax(int logWindowMax, int replicasMax) {
        return LONG + U8 + LONG + LONG
                + 2 * (BITMAP_MIN + (long) Bitmap.packedLength(logWindowMax))
                + BITMAP_MIN + Bitmap.packedLength(replicasMax)
                + INT;
    }

    static long metaDataBodyMax(int metaDataChildrenMax) {
        return LONG + INT + LONG + PREFIX + (long) metaDataChildrenMax * PARTITION_SUMMARY + INT;
    }
}
