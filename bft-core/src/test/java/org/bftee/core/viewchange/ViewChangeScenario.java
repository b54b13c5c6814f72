package org.bftee.core.viewchange;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.bftee.core.codec.MessageCodec;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.crypto.Digest;
import org.bftee.core.crypto.DigestAlgorithm;
import org.bftee.core.message.CheckpointEntry;
import org.bftee.core.message.Decision;
import org.bftee.core.message.ViewChange;
import org.bftee.core.protocol.Quorums;
import org.bftee.core.viewchange.NewViewDecision.Decided;
import org.bftee.core.viewchange.NewViewDecision.Undecided;

/**
 * A view change to {@link #NEW_VIEW} in a group of {@code 3f + 1} replicas with checkpoint interval
 * {@link #K} and log window {@link #L}: the test says what each replica's VIEW-CHANGE holds, which
 * of them the new primary accepted, and which batches it holds; then runs the procedure.
 */
final class ViewChangeScenario {

    static final int K = 4;
    static final int L = 8;
    static final long NEW_VIEW = 5;
    static final ProtocolLimits LIMITS = new ProtocolLimits(L, K, 64, 256 * 1024, 4, 1024 * 1024,
            1024 * 1024, 4096, 64);

    final int f;
    final Quorums quorums;
    private final Map<Integer, ViewChangeBuilder> builders = new TreeMap<>();
    private final Set<Digest> unavailable = new HashSet<>();

    private ViewChangeScenario(int f) {
        this.f = f;
        this.quorums = new Quorums(f);
    }

    static ViewChangeScenario group(int f) {
        return new ViewChangeScenario(f);
    }

    int n() {
        return quorums.n();
    }

    /** Replicas {@code from} (inclusive) to {@code to} (exclusive). */
    static int[] replicas(int from, int to) {
        return IntStream.range(from, to).toArray();
    }

    /** Every replica in {@code replicas} sends a VIEW-CHANGE shaped by {@code shape} (added to what it has). */
    ViewChangeScenario each(int[] replicas, Consumer<ViewChangeBuilder> shape) {
        for (int replica : replicas) {
            shape.accept(builders.computeIfAbsent(replica, ViewChangeBuilder::from));
        }
        return this;
    }

    ViewChangeScenario one(int replica, Consumer<ViewChangeBuilder> shape) {
        return each(new int[] {replica}, shape);
    }

    /** The new primary neither holds nor can fetch {@code batch} (condition A3 fails for it). */
    ViewChangeScenario primaryLacks(String batch) {
        unavailable.add(ViewChangeBuilder.digest(batch));
        return this;
    }

    /** The VIEW-CHANGE messages of every replica given a shape. */
    Map<Integer, ViewChange> viewChanges() {
        Map<Integer, ViewChange> messages = new TreeMap<>();
        builders.forEach((replica, builder) -> messages.put(replica, builder.forView(NEW_VIEW)));
        return messages;
    }

    DecisionProcedure procedure() {
        return new DecisionProcedure(quorums, L);
    }

    /** Runs the procedure over every VIEW-CHANGE, checking first that each is well formed. */
    NewViewDecision decide() {
        Map<Integer, ViewChange> accepted = viewChanges();
        ViewChangeValidation validation = new ViewChangeValidation(quorums, LIMITS);
        accepted.values().forEach(message -> {
            var reason = validation.check(message, NEW_VIEW);
            if (reason.isPresent()) {
                throw new AssertionError("the scenario built a malformed VIEW-CHANGE: " + reason.get() + " " + message);
            }
        });
        return procedure().decide(accepted, digest -> !unavailable.contains(digest));
    }

    /** The digest the codec gives a message, as VIEW-CHANGE-ACK and NEW-VIEW name it. */
    Function<ViewChange, Digest> digestOf() {
        MessageCodec codec = new MessageCodec(1, WireLimits.forGroup(LIMITS, n()));
        return message -> DigestAlgorithm.SHA_256.newDigester().digest(codec.messageDigestInput(message));
    }

    static CheckpointEntry checkpoint(long sequence, String state) {
        return new CheckpointEntry(sequence, ViewChangeBuilder.digest(state));
    }

    /** Decisions from {@code first} on, one per name, in order. */
    static List<Decision> decisions(long first, String... batches) {
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < batches.length; i++) {
            decisions.add(new Decision(first + i, ViewChangeBuilder.digest(batches[i])));
        }
        return decisions;
    }

    static Undecided undecided(NewViewDecision decision) {
        if (decision instanceof Undecided undecided) {
            return undecided;
        }
        throw new AssertionError("expected no decision, got " + decision);
    }

    static Decided decided(NewViewDecision decision) {
        if (decision instanceof Decided decided) {
            return decided;
        }
        throw new AssertionError("expected a decision, got " + decision);
    }
}
