package org.bftee.core.codec;

import java.util.ArrayList;
import java.util.List;

import org.bftee.core.config.ProtocolLimits;

/**
 * The maxima of the wire format (STYLE rule 4): every length and count the decoder reads is
 * checked against one of these before anything is allocated, and the encoder refuses to produce
 * a frame that breaks one. They bound what a peer may send, so they are at least the group's
 * protocol limits (log window, batch size, request size), which are checked where both are built.
 *
 * <p>Validated when built: besides positivity, the largest message of every fixed-shape kind (a
 * full VIEW-CHANGE, NEW-VIEW, STATUS, META-DATA, NEW-KEY, a reply, a data value, a pre-prepare with
 * one largest request) must fit in {@code frameBytesMax}, or a correct replica could not send it.
 *
 * @param frameBytesMax            whole frame: header, body and trailer
 * @param operationBytesMax        a request's operation
 * @param resultBytesMax           a reply's result
 * @param nonDeterministicBytesMax a pre-prepare's non-deterministic inputs
 * @param batchRequestsMax         entries in a pre-prepare's batch
 * @param replicasMax              {@code n}: replica ids are below it; tags in an authenticator (at most 255,
 *                                 the trailer's count is one byte)
 * @param lanesMax                 lanes of one client principal: lane ids are below it
 * @param logWindowMax             entries of a VIEW-CHANGE's C, P and Q sets, of a NEW-VIEW's decisions,
 *                                 and bits of a STATUS's sequence bitmaps
 * @param digestViewsPerEntryMax   {@code (d, v)} pairs in one Q entry
 * @param viewChangeRefsMax        VIEW-CHANGE references in a NEW-VIEW (at most {@code replicasMax})
 * @param partitionLevelsMax       levels of the partition tree: levels are below it
 * @param metaDataChildrenMax      sub-partitions in a META-DATA
 * @param dataValueBytesMax        a DATA value (one object)
 * @param publicKeyBytesMax        a NEW-KEY's ephemeral public key
 * @param signatureBytesMax        a signature (NEW-KEY, signed request)
 * @param sealedKeysMax            sealed session keys in a NEW-KEY
 * @param sealedKeyBytesMax        one sealed session key
 */
public record WireLimits(
        int frameBytesMax,
        int operationBytesMax,
        int resultBytesMax,
        int nonDeterministicBytesMax,
        int batchRequestsMax,
        int replicasMax,
        int lanesMax,
        int logWindowMax,
        int digestViewsPerEntryMax,
        int viewChangeRefsMax,
        int partitionLevelsMax,
        int metaDataChildrenMax,
        int dataValueBytesMax,
        int publicKeyBytesMax,
        int signatureBytesMax,
        int sealedKeysMax,
        int sealedKeyBytesMax) {

    /** The trailer's tag count is one unsigned byte. */
    public static final int REPLICAS_MAX_CEILING = 255;

    private static final int MEBIBYTE = 1024 * 1024;

    /** Values for a LAN group: 16 MiB frames, 1 MiB operations, results and objects, up to 64 replicas. */
    public static WireLimits defaults() {
        return new Builder().build();
    }

    /**
     * The wire limits of a group of {@code n} replicas with {@code protocol}'s limits: each bound the
     * protocol names (operation and result size, batch size, lanes, log window, replicas) becomes the
     * corresponding wire maximum, so a frame that breaks the group's configuration is refused by the
     * decoder before anything is allocated, and the frame maximum grows to hold the largest batch,
     * request and reply the configuration allows.
     */
    public static WireLimits forGroup(ProtocolLimits protocol, int n) {
        WireLimits defaults = defaults();
        int replicasMax = Math.max(n, 1);
        long requestBody = WireSizes.requestBodyMax(protocol.largeRequestThresholdBytes(), replicasMax,
                defaults.signatureBytesMax());
        // A batch carries requests up to the large-request threshold inline and digests for the rest.
        long batchBody = WireSizes.prePrepareBodyMax(defaults.nonDeterministicBytesMax(), protocol.batchRequestsMax(),
                Math.min(requestBody, protocol.batchBytesMax() + WireSizes.requestBodyMax(0, replicasMax,
                        defaults.signatureBytesMax())));
        // The decoder also admits a pre-prepare carrying one largest request inline.
        long oneLargest = WireSizes.prePrepareBodyMax(defaults.nonDeterministicBytesMax(), 1,
                WireSizes.requestBodyMax(protocol.requestBytesMax(), replicasMax, defaults.signatureBytesMax()));
        long largest = Math.max(Math.max(batchBody, oneLargest), WireSizes.replyBodyMax(protocol.replyBytesMax()));
        long frame = Math.max(defaults.frameBytesMax(), WireSizes.frameBytes(largest, replicasMax));
        if (frame > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the group's limits need frames of " + frame + " bytes");
        }
        return defaults.toBuilder()
                .frameBytesMax((int) frame)
                .operationBytesMax(protocol.requestBytesMax())
                .resultBytesMax(protocol.replyBytesMax())
                .batchRequestsMax(protocol.batchRequestsMax())
                .replicasMax(replicasMax)
                .viewChangeRefsMax(replicasMax)
                .lanesMax(protocol.lanesPerClientMax())
                .logWindowMax(protocol.logWindow())
                // A correct replica's Q entry holds up to f + 2 (digest, view) pairs (the BFT library's bound).
                .digestViewsPerEntryMax(Math.max(defaults.digestViewsPerEntryMax(), (replicasMax - 1) / 3 + 2))
                .build();
    }

    /** A builder starting from {@link #defaults()}, for naming the values that differ. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public WireLimits {
        List<String> problems = new ArrayList<>();
        positive(problems, "frameBytesMax", frameBytesMax);
        positive(problems, "operationBytesMax", operationBytesMax);
        positive(problems, "resultBytesMax", resultBytesMax);
        positive(problems, "nonDeterministicBytesMax", nonDeterministicBytesMax);
        positive(problems, "batchRequestsMax", batchRequestsMax);
        positive(problems, "replicasMax", replicasMax);
        positive(problems, "lanesMax", lanesMax);
        positive(problems, "logWindowMax", logWindowMax);
        positive(problems, "digestViewsPerEntryMax", digestViewsPerEntryMax);
        positive(problems, "viewChangeRefsMax", viewChangeRefsMax);
        positive(problems, "partitionLevelsMax", partitionLevelsMax);
        positive(problems, "metaDataChildrenMax", metaDataChildrenMax);
        positive(problems, "dataValueBytesMax", dataValueBytesMax);
        positive(problems, "publicKeyBytesMax", publicKeyBytesMax);
        positive(problems, "signatureBytesMax", signatureBytesMax);
        positive(problems, "sealedKeysMax", sealedKeysMax);
        positive(problems, "sealedKeyBytesMax", sealedKeyBytesMax);
        if (problems.isEmpty()) {
            relations(problems, replicasMax, viewChangeRefsMax);
        }
        if (problems.isEmpty()) {
            long requestMax = WireSizes.requestBodyMax(operationBytesMax, replicasMax, signatureBytesMax);
            fits(problems, "pre-prepare with one request", WireSizes.prePrepareBodyMax(nonDeterministicBytesMax, 1,
                    requestMax), replicasMax, frameBytesMax);
            fits(problems, "reply", WireSizes.replyBodyMax(resultBytesMax), replicasMax, frameBytesMax);
            fits(problems, "data", WireSizes.dataBodyMax(dataValueBytesMax), replicasMax, frameBytesMax);
            fits(problems, "new-key", WireSizes.newKeyBodyMax(publicKeyBytesMax, sealedKeysMax, sealedKeyBytesMax,
                    signatureBytesMax), replicasMax, frameBytesMax);
            fits(problems, "view-change", WireSizes.viewChangeBodyMax(logWindowMax, digestViewsPerEntryMax),
                    replicasMax, frameBytesMax);
            fits(problems, "new-view", WireSizes.newViewBodyMax(viewChangeRefsMax, logWindowMax), replicasMax,
                    frameBytesMax);
            fits(problems, "status", WireSizes.statusBodyMax(logWindowMax, replicasMax), replicasMax, frameBytesMax);
            fits(problems, "meta-data", WireSizes.metaDataBodyMax(metaDataChildrenMax), replicasMax, frameBytesMax);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid wire limits: " + String.join("; ", problems));
        }
    }

    private static void positive(List<String> problems, String name, int value) {
        if (value <= 0) {
            problems.add(name + " must be positive, got " + value);
        }
    }

    private static void relations(List<String> problems, int replicasMax, int viewChangeRefsMax) {
        if (replicasMax > REPLICAS_MAX_CEILING) {
            problems.add("replicasMax (" + replicasMax + ") exceeds " + REPLICAS_MAX_CEILING
                    + ", the most tags a trailer can count");
        }
        if (viewChangeRefsMax > replicasMax) {
            problems.add("viewChangeRefsMax (" + viewChangeRefsMax + ") exceeds replicasMax (" + replicasMax + ")");
        }
    }

    private static void fits(List<String> problems, String what, long bodyBytes, int replicasMax, int frameBytesMax) {
        long frame = WireSizes.frameBytes(bodyBytes, replicasMax);
        if (frame > frameBytesMax) {
            problems.add("the largest " + what + " takes " + frame + " bytes, more than frameBytesMax ("
                    + frameBytesMax + ")");
        }
    }

    /** Builds {@link WireLimits} by name; starts from the defaults, or from the limits it was made from. */
    public static final class Builder {
        private int frameBytesMax = 16 * MEBIBYTE;
        private int operationBytesMax = MEBIBYTE;
        private int resultBytesMax = MEBIBYTE;
        private int nonDeterministicBytesMax = 1024;
        private int batchRequestsMax = 1024;
        private int replicasMax = 64;
        private int lanesMax = 1024;
        private int logWindowMax = 4096;
        private int digestViewsPerEntryMax = 16;
        private int viewChangeRefsMax = 64;
        private int partitionLevelsMax = 32;
        private int metaDataChildrenMax = 4096;
        private int dataValueBytesMax = MEBIBYTE;
        private int publicKeyBytesMax = 256;
        private int signatureBytesMax = 512;
        private int sealedKeysMax = 1024;
        private int sealedKeyBytesMax = 256;

        private Builder() {
        }

        private Builder(WireLimits from) {
            frameBytesMax = from.frameBytesMax;
            operationBytesMax = from.operationBytesMax;
            resultBytesMax = from.resultBytesMax;
            nonDeterministicBytesMax = from.nonDeterministicBytesMax;
            batchRequestsMax = from.batchRequestsMax;
            replicasMax = from.replicasMax;
            lanesMax = from.lanesMax;
            logWindowMax = from.logWindowMax;
            digestViewsPerEntryMax = from.digestViewsPerEntryMax;
            viewChangeRefsMax = from.viewChangeRefsMax;
            partitionLevelsMax = from.partitionLevelsMax;
            metaDataChildrenMax = from.metaDataChildrenMax;
            dataValueBytesMax = from.dataValueBytesMax;
            publicKeyBytesMax = from.publicKeyBytesMax;
            signatureBytesMax = from.signatureBytesMax;
            sealedKeysMax = from.sealedKeysMax;
            sealedKeyBytesMax = from.sealedKeyBytesMax;
        }

        public Builder frameBytesMax(int value) {
            frameBytesMax = value;
            return this;
        }

        public Builder operationBytesMax(int value) {
            operationBytesMax = value;
            return this;
        }

        public Builder resultBytesMax(int value) {
            resultBytesMax = value;
            return this;
        }

        public Builder nonDeterministicBytesMax(int value) {
            nonDeterministicBytesMax = value;
            return this;
        }

        public Builder batchRequestsMax(int value) {
            batchRequestsMax = value;
            return this;
        }

        public Builder replicasMax(int value) {
            replicasMax = value;
            return this;
        }

        public Builder lanesMax(int value) {
            lanesMax = value;
            return this;
        }

        public Builder logWindowMax(int value) {
            logWindowMax = value;
            return this;
        }

        public Builder digestViewsPerEntryMax(int value) {
            digestViewsPerEntryMax = value;
            return this;
        }

        public Builder viewChangeRefsMax(int value) {
            viewChangeRefsMax = value;
            return this;
        }

        public Builder partitionLevelsMax(int value) {
            partitionLevelsMax = value;
            return this;
        }

        public Builder metaDataChildrenMax(int value) {
            metaDataChildrenMax = value;
            return this;
        }

        public Builder dataValueBytesMax(int value) {
            dataValueBytesMax = value;
            return this;
        }

        public Builder publicKeyBytesMax(int value) {
            publicKeyBytesMax = value;
            return this;
        }

        public Builder signatureBytesMax(int value) {
            signatureBytesMax = value;
            return this;
        }

        public Builder sealedKeysMax(int value) {
            sealedKeysMax = value;
            return this;
        }

        public Builder sealedKeyBytesMax(int value) {
            sealedKeyBytesMax = value;
            return this;
        }

        public WireLimits build() {
            return new WireLimits(frameBytesMax, operationBytesMax, resultBytesMax, nonDeterministicBytesMax,
                    batchRequestsMax, replicasMax, lanesMax, logWindowMax, digestViewsPerEntryMax, viewChangeRefsMax,
                    partitionLevelsMax, metaDataChildrenMax, dataValueBytesMax, publicKeyBytesMax, signatureBytesMax,
                    sealedKeysMax, sealedKeyBytesMax);
        }
    }
}
