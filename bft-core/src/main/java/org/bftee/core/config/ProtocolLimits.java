package org.bftee.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The named limits of the protocol (STYLE rule 4), agreed by every replica of a group through the
 * group configuration. Validated when built: a violated relation is a configuration error, reported
 * with every problem at once.
 *
 * @param logWindow                  {@code L}: sequence numbers accepted above the low water mark
 * @param checkpointInterval         {@code K}: a checkpoint is taken every {@code K} sequence numbers
 * @param batchRequestsMax           requests in one pre-prepare batch
 * @param batchBytesMax              encoded bytes of the requests carried inline in one batch
 * @param batchesInFlightMax         batches pre-prepared but not yet committed at the primary
 * @param requestBytesMax            encoded operation bytes of one request
 * @param replyBytesMax              result bytes of one reply
 * @param largeRequestThresholdBytes above this size a request travels separately and the batch
 *                                   carries only its digest
 * @param lanesPerClientMax          independent lanes (one outstanding request each) per client principal
 */
public record ProtocolLimits(
        int logWindow,
        int checkpointInterval,
        int batchRequestsMax,
        int batchBytesMax,
        int batchesInFlightMax,
        int requestBytesMax,
        int replyBytesMax,
        int largeRequestThresholdBytes,
        int lanesPerClientMax) {

    /** Hard ceiling on any single message, whatever the configuration says. */
    public static final int ABSOLUTE_BYTES_MAX = 64 * 1024 * 1024;

    /** Defaults sized for a LAN group with small operations; every value can be overridden. */
    public static ProtocolLimits defaults() {
        return new ProtocolLimits(256, 128, 64, 256 * 1024, 4, 1024 * 1024, 1024 * 1024, 4096, 64);
    }

    public ProtocolLimits {
        List<String> problems = problems(logWindow, checkpointInterval, batchRequestsMax, batchBytesMax,
                batchesInFlightMax, requestBytesMax, replyBytesMax, largeRequestThresholdBytes, lanesPerClientMax);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /**
     * Every violated limit or relation, each naming the field, so that configuration loaders can
     * report them against the file the values came from. Empty when the values are valid.
     */
    public static List<String> problems(int logWindow, int checkpointInterval, int batchRequestsMax,
                                        int batchBytesMax, int batchesInFlightMax, int requestBytesMax,
                                        int replyBytesMax, int largeRequestThresholdBytes, int lanesPerClientMax) {
        List<String> problems = new ArrayList<>();
        positive(problems, "checkpoint-interval", checkpointInterval);
        positive(problems, "log-window", logWindow);
        positive(problems, "batch-requests-max", batchRequestsMax);
        positive(problems, "batch-bytes-max", batchBytesMax);
        positive(problems, "batches-in-flight-max", batchesInFlightMax);
        positive(problems, "request-bytes-max", requestBytesMax);
        positive(problems, "reply-bytes-max", replyBytesMax);
        positive(problems, "large-request-threshold-bytes", largeRequestThresholdBytes);
        positive(problems, "lanes-per-client-max", lanesPerClientMax);
        if (!problems.isEmpty()) {
            return problems;
        }
        // The view change carries the checkpoints a replica holds and the log above the stable one:
        // the window must hold at least two intervals so that a new checkpoint can become stable
        // while the replica keeps accepting requests above the old one (PROTOCOL.md, notation).
        if (logWindow < 2 * checkpointInterval) {
            problems.add("log-window (" + logWindow + ") must be at least 2 x checkpoint-interval ("
                    + checkpointInterval + ")");
        } else if (logWindow % checkpointInterval != 0) {
            problems.add("log-window (" + logWindow + ") must be a multiple of checkpoint-interval ("
                    + checkpointInterval + ")");
        }
        if (batchesInFlightMax > logWindow) {
            problems.add("batches-in-flight-max (" + batchesInFlightMax + ") cannot exceed log-window ("
                    + logWindow + ")");
        }
        atMost(problems, "batch-bytes-max", batchBytesMax, ABSOLUTE_BYTES_MAX);
        atMost(problems, "request-bytes-max", requestBytesMax, ABSOLUTE_BYTES_MAX);
        atMost(problems, "reply-bytes-max", replyBytesMax, ABSOLUTE_BYTES_MAX);
        // Requests above the threshold go separately; those below must fit inline in a batch.
        if (largeRequestThresholdBytes > requestBytesMax) {
            problems.add("large-request-threshold-bytes (" + largeRequestThresholdBytes
                    + ") cannot exceed request-bytes-max (" + requestBytesMax + ")");
        }
        if (largeRequestThresholdBytes > batchBytesMax) {
            problems.add("large-request-threshold-bytes (" + largeRequestThresholdBytes
                    + ") cannot exceed batch-bytes-max (" + batchBytesMax + ")");
        }
        return problems;
    }

    private static void positive(List<String> problems, String name, int value) {
        if (value <= 0) {
            problems.add(name + " must be positive, got " + value);
        }
    }

    private static void atMost(List<String> problems, String name, int value, int max) {
        if (value > max) {
            problems.add(name + " (" + value + ") exceeds the hard maximum of " + max + " bytes");
        }
    }
}
