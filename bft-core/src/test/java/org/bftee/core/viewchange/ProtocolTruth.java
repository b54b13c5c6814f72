package org.bftee.core.viewchange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.CheckpointEntry;
import org.bftee.core.message.DigestView;
import org.bftee.core.message.PrePreparedEntry;
import org.bftee.core.message.PreparedEntry;
import org.bftee.core.message.ViewChange;
import org.bftee.core.protocol.Quorums;

/**
 * A random history of views {@code 0..V-1} before a change to view {@code V}, consistent with what
 * the protocol guarantees the decision procedure, and the VIEW-CHANGE messages it yields.
 *
 * <p>The model, per sequence number and view: the primary proposes one batch (two if it is
 * faulty, or the null request); each correct replica whose window reaches the sequence number
 * pre-prepares at most one of them; a batch prepares at a correct replica only if
 * {@code 2f + 1} replicas pre-prepared it (the faulty ones always claim to); it commits only if
 * {@code 2f + 1 - faulty} correct replicas prepared it. Once a batch committed at a sequence
 * number, correct replicas pre-prepare nothing else there in later views: that is what the view
 * changes before this one guaranteed (the induction hypothesis of the thesis' proof). Before a
 * commit, later views may pre-prepare anything, which is more than a real primary can do.
 *
 * <p>Checkpoints: sequence numbers up to a random frontier {@code G <= L} are forced to commit;
 * each correct replica has a stable checkpoint {@code h <= G}, at least {@code 2f + 1 - faulty}
 * correct replicas executed through the highest of them, and each holds the checkpoints from
 * its {@code h} up to what it executed. A checkpoint's digest is a function of the committed
 * batches up to it. Correct replicas report P and Q for {@code (h, h + L]} exactly, keeping at
 * most {@code f + 2} Q pairs (the P entry's and the latest others).
 */
final class ProtocolTruth {

    static final int K = 2;
    static final int L = 4;
    static final int SLOTS = 2 * K + L;
    static final ProtocolLimits LIMITS = new ProtocolLimits(L, K, 64, 256 * 1024, 4, 1024 * 1024,
            1024 * 1024, 4096, 64);

    /** How a faulty replica builds its VIEW-CHANGE. */
    enum Lie {
        /** Random well-formed content: any h, bogus checkpoints, forged P and Q entries. */
        RANDOM,
        /** A correct replica's message with some P entries replaced by other batches in high views. */
        FORGED_COPY,
        /**
         * Claims prepared what some correct replica only pre-prepared, in exactly that view: a lie
         * that A2 cannot tell from the truth, so only A1 stops it where it contradicts a commit.
         */
        ECHO,
        /** A random message broken so that validation must reject it. */
        MALFORMED
    }

    final int f;
    final int n;
    final Quorums quorums;
    final long newView;
    final Set<Integer> faulty;
    final Map<Integer, Long> stable = new TreeMap<>();
    final Map<Integer, Long> executed = new TreeMap<>();
    final TreeMap<Long, Digest> committed = new TreeMap<>();
    final Map<Long, Long> committedView = new TreeMap<>();
    private final Map<Integer, TreeMap<Long, PreparedEntry>> prepared = new TreeMap<>();
    private final Map<Integer, TreeMap<Long, Map<Digest, Long>>> prePrepared = new TreeMap<>();
    private final Map<Integer, Lie> lies = new TreeMap<>();
    private final Random random;

    private ProtocolTruth(int f, long views, Set<Integer> faulty, Random random) {
        this.f = f;
        this.n = 3 * f + 1;
        this.quorums = new Quorums(f);
        this.newView = views;
        this.faulty = faulty;
        this.random = random;
    }

    static ProtocolTruth generate(int f, Random random) {
        int n = 3 * f + 1;
        long views = 1 + random.nextInt(4);
        Set<Integer> faulty = new TreeSet<>();
        // Most often as many faulty replicas as tolerated: the hardest case.
        int faultyCount = random.nextBoolean() ? f : random.nextInt(f + 1);
        while (faulty.size() < faultyCount) {
            faulty.add(random.nextInt(n));
        }
        ProtocolTruth truth = new ProtocolTruth(f, views, faulty, random);
        truth.run();
        return truth;
    }

    List<Integer> correct() {
        List<Integer> correct = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!faulty.contains(i)) {
                correct.add(i);
            }
        }
        return correct;
    }

    /** The correct replicas a batch needs to prepare at to commit. */
    int commitQuorum() {
        return 2 * f + 1 - faulty.size();
    }

    private void run() {
        long frontier = K * random.nextInt(L / K + 1);
        for (int i : correct()) {
            stable.put(i, K * (long) random.nextInt((int) (frontier / K) + 1));
            prepared.put(i, new TreeMap<>());
            prePrepared.put(i, new TreeMap<>());
        }
        for (long sequence = 1; sequence <= SLOTS; sequence++) {
            long forcedView = sequence <= frontier ? random.nextInt((int) newView) : -1;
            for (long view = 0; view < newView; view++) {
                runView(sequence, view, view == forcedView);
            }
        }
        chooseExecuted();
    }

    private void runView(long sequence, long view, boolean forceCommit) {
        List<Integer> eligible = correct().stream().filter(i -> sequence <= stable.get(i) + L).toList();
        if (!forceCommit && random.nextInt(10) < 3) {
            return;
        }
        List<Digest> proposals = proposals(sequence, view, forceCommit);
        Map<Digest, List<Integer>> accepted = new LinkedHashMap<>();
        for (int i : eligible) {
            if (forceCommit || random.nextInt(4) > 0) {
                Digest choice = proposals.get(random.nextInt(proposals.size()));
                accepted.computeIfAbsent(choice, d -> new ArrayList<>()).add(i);
                prePrepared.get(i).computeIfAbsent(sequence, s -> new HashMap<>()).merge(choice, view, Math::max);
            }
        }
        accepted.forEach((digest, acceptors) -> prepare(sequence, view, digest, acceptors, forceCommit));
    }

    private List<Digest> proposals(long sequence, long view, boolean forceCommit) {
        if (committed.containsKey(sequence)) {
            return List.of(committed.get(sequence));
        }
        // A faulty primary equivocates more often than not.
        int proposed = faulty.contains(quorums.primary(view)) && !forceCommit && random.nextInt(4) > 0 ? 2 : 1;
        List<Digest> proposals = new ArrayList<>();
        while (proposals.size() < proposed) {
            Digest digest = random.nextInt(10) == 0 ? Digest.ZERO : batch(sequence, random.nextInt(3));
            if (!proposals.contains(digest)) {
                proposals.add(digest);
            }
        }
        return proposals;
    }

    private void prepare(long sequence, long view, Digest digest, List<Integer> acceptors, boolean forceCommit) {
        if (acceptors.size() + faulty.size() < quorums.quorum()) {
            return;
        }
        List<Integer> preparedAt = new ArrayList<>();
        for (int i : acceptors) {
            if (forceCommit && preparedAt.size() < commitQuorum() || random.nextInt(10) < 7) {
                preparedAt.add(i);
                prepared.get(i).put(sequence, new PreparedEntry(sequence, digest, view));
            }
        }
        boolean canCommit = preparedAt.size() >= commitQuorum() && !committed.containsKey(sequence);
        if (canCommit && (forceCommit || random.nextInt(10) < 7)) {
            committed.put(sequence, digest);
            committedView.put(sequence, view);
        }
    }

    /** The highest multiple of K with every sequence number up to it committed. */
    long committedPrefix() {
        long prefix = 0;
        while (prefix + K <= SLOTS && committed.headMap(prefix + K, true).size() == prefix + K) {
            prefix += K;
        }
        return prefix;
    }

    private void chooseExecuted() {
        long prefix = committedPrefix();
        long highestStable = stable.values().stream().mapToLong(Long::longValue).max().orElse(0);
        int reaching = 0;
        for (int i : correct()) {
            long top = Math.min(prefix, stable.get(i) + L);
            long choice = stable.get(i) + K * (long) random.nextInt((int) ((top - stable.get(i)) / K) + 1);
            // The highest stable checkpoint needs 2f + 1 CHECKPOINT messages: enough correct
            // replicas executed through it (the faulty ones vote for anything).
            if (choice < highestStable && reaching < commitQuorum()) {
                choice = highestStable;
            }
            if (choice >= highestStable) {
                reaching++;
            }
            executed.put(i, choice);
        }
    }

    /** The state digest of the checkpoint at {@code sequence}: a function of the batches committed up to it. */
    Digest checkpointDigest(long sequence) {
        String history = committed.headMap(sequence, true).values().stream().map(Digest::toHex)
                .collect(Collectors.joining(","));
        return ViewChangeBuilder.digest("checkpoint " + sequence + ": " + history);
    }

    private static Digest batch(long sequence, int index) {
        return ViewChangeBuilder.digest("batch " + sequence + "." + index);
    }

    /** The VIEW-CHANGE correct replica {@code i} sends. */
    ViewChange correctViewChange(int i) {
        long h = stable.get(i);
        List<CheckpointEntry> checkpoints = new ArrayList<>();
        for (long x = h; x <= executed.get(i); x += K) {
            checkpoints.add(new CheckpointEntry(x, checkpointDigest(x)));
        }
        TreeMap<Long, PreparedEntry> p = new TreeMap<>(prepared.get(i).subMap(h, false, h + L, true));
        TreeMap<Long, Map<Digest, Long>> q = new TreeMap<>(prePrepared.get(i).subMap(h, false, h + L, true));
        return assemble(i, h, checkpoints, p, q);
    }

    /** Builds a well-formed message, cutting each Q entry to the f + 2 pairs a replica keeps. */
    private ViewChange assemble(int replica, long h, List<CheckpointEntry> checkpoints,
                                TreeMap<Long, PreparedEntry> p, TreeMap<Long, Map<Digest, Long>> q) {
        List<PrePreparedEntry> entries = new ArrayList<>();
        int pairsMax = ViewChangeValidation.prePreparedDigestsMax(quorums);
        q.forEach((sequence, views) -> {
            PreparedEntry own = p.get(sequence);
            List<DigestView> pairs = views.entrySet().stream()
                    .map(entry -> new DigestView(entry.getKey(), entry.getValue()))
                    .sorted(Comparator.comparing((DigestView pair) -> own == null || !pair.digest().equals(own.digest()))
                            .thenComparing(Comparator.comparingLong(DigestView::view).reversed())
                            .thenComparing(DigestView::digest, DecisionProcedure::compareDigests))
                    .limit(pairsMax)
                    .toList();
            entries.add(new PrePreparedEntry(sequence, pairs));
        });
        return new ViewChange(newView, h, checkpoints, new ArrayList<>(p.values()), entries, replica);
    }

    /** The VIEW-CHANGE faulty replica {@code j} sends, by a random {@link Lie}. */
    ViewChange faultyViewChange(int j) {
        Lie lie = Lie.values()[random.nextInt(Lie.values().length)];
        lies.put(j, lie);
        return switch (lie) {
            case RANDOM -> randomViewChange(j);
            case FORGED_COPY -> forgedCopy(j);
            case ECHO -> echo(j);
            case MALFORMED -> malformed(j);
        };
    }

    Lie lieOf(int j) {
        return lies.get(j);
    }

    private ViewChange randomViewChange(int j) {
        long h = K * (long) random.nextInt(4);
        List<CheckpointEntry> checkpoints = new ArrayList<>();
        for (long x = h; x <= h + L; x += K) {
            if (random.nextBoolean()) {
                boolean truthful = x <= committedPrefix() && random.nextBoolean();
                checkpoints.add(new CheckpointEntry(x, truthful ? checkpointDigest(x)
                        : ViewChangeBuilder.digest("bogus checkpoint " + x)));
            }
        }
        TreeMap<Long, PreparedEntry> p = new TreeMap<>();
        TreeMap<Long, Map<Digest, Long>> q = new TreeMap<>();
        for (long sequence = h + 1; sequence <= h + L; sequence++) {
            if (random.nextInt(3) == 0) {
                forge(p, q, sequence);
            }
            if (random.nextInt(3) == 0) {
                q.computeIfAbsent(sequence, s -> new HashMap<>()).merge(anyBatch(sequence), highView(), Math::max);
            }
        }
        return assemble(j, h, checkpoints, p, q);
    }

    private ViewChange forgedCopy(int j) {
        List<Integer> correct = correct();
        ViewChange model = correctViewChange(correct.get(random.nextInt(correct.size())));
        TreeMap<Long, PreparedEntry> p = new TreeMap<>();
        model.prepared().forEach(entry -> p.put(entry.sequence(), entry));
        TreeMap<Long, Map<Digest, Long>> q = new TreeMap<>();
        model.prePrepared().forEach(entry -> {
            Map<Digest, Long> views = new HashMap<>();
            entry.digestViews().forEach(pair -> views.put(pair.digest(), pair.view()));
            q.put(entry.sequence(), views);
        });
        for (long sequence = model.stableSequence() + 1; sequence <= model.stableSequence() + L; sequence++) {
            if (random.nextBoolean()) {
                forge(p, q, sequence);
            }
        }
        return assemble(j, model.stableSequence(), model.checkpoints(), p, q);
    }

    private ViewChange echo(int j) {
        long h = K * (long) random.nextInt(L / K + 1);
        TreeMap<Long, PreparedEntry> p = new TreeMap<>();
        TreeMap<Long, Map<Digest, Long>> q = new TreeMap<>();
        for (long sequence = h + 1; sequence <= h + L; sequence++) {
            // Every (d, v) some correct replica pre-prepared here, preferring batches other than
            // the committed one: the lies that could displace a commit.
            List<DigestView> seen = new ArrayList<>();
            for (int i : correct()) {
                prePrepared.get(i).getOrDefault(sequence, Map.of())
                        .forEach((digest, view) -> seen.add(new DigestView(digest, view)));
            }
            Digest committedHere = committed.get(sequence);
            List<DigestView> dangerous = seen.stream()
                    .filter(pair -> !pair.digest().equals(committedHere)).toList();
            List<DigestView> pool = dangerous.isEmpty() ? seen : dangerous;
            if (pool.isEmpty()) {
                continue;
            }
            DigestView pair = pool.get(random.nextInt(pool.size()));
            p.put(sequence, new PreparedEntry(sequence, pair.digest(), pair.view()));
            q.computeIfAbsent(sequence, s -> new HashMap<>()).put(pair.digest(), pair.view());
        }
        List<CheckpointEntry> checkpoints = h <= committedPrefix() ? List.of(new CheckpointEntry(h, checkpointDigest(h)))
                : List.of();
        return assemble(j, h, checkpoints, p, q);
    }

    /** Claims that some batch, possibly the committed one or the null request, prepared in a high view. */
    private void forge(TreeMap<Long, PreparedEntry> p, TreeMap<Long, Map<Digest, Long>> q, long sequence) {
        Digest digest = anyBatch(sequence);
        long view = highView();
        p.put(sequence, new PreparedEntry(sequence, digest, view));
        q.computeIfAbsent(sequence, s -> new HashMap<>()).merge(digest, view, Math::max);
    }

    private Digest anyBatch(long sequence) {
        int pick = random.nextInt(6);
        if (pick == 0) {
            return Digest.ZERO;
        }
        if (pick == 1) {
            return ViewChangeBuilder.digest("forged " + sequence);
        }
        return batch(sequence, pick - 2 > 2 ? 0 : pick - 2);
    }

    /** Mostly the latest view before the new one, where a lie is hardest to contradict. */
    private long highView() {
        return random.nextBoolean() ? newView - 1 : random.nextInt((int) newView);
    }

    private ViewChange malformed(int j) {
        ViewChange base = randomViewChange(j);
        long h = base.stableSequence();
        return switch (random.nextInt(4)) {
            case 0 -> new ViewChange(newView, h, base.checkpoints(),
                    List.of(new PreparedEntry(h + 1, batch(h + 1, 0), newView)),
                    List.of(new PrePreparedEntry(h + 1, List.of(new DigestView(batch(h + 1, 0), newView)))), j);
            case 1 -> new ViewChange(newView, h, base.checkpoints(),
                    List.of(new PreparedEntry(h + L + 1, batch(h + L + 1, 0), 0)), List.of(), j);
            case 2 -> new ViewChange(newView, h, List.of(new CheckpointEntry(h + 1, Digest.ZERO)), List.of(), List.of(), j);
            default -> new ViewChange(newView, h, base.checkpoints(),
                    List.of(new PreparedEntry(h + 1, batch(h + 1, 0), 0)), List.of(), j);
        };
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        text.append("f=").append(f).append(" newView=").append(newView).append(" faulty=").append(faulty)
                .append(" lies=").append(lies).append('\n');
        text.append("committed: ");
        committed.forEach((s, d) -> text.append(s).append('=').append(d).append("@v").append(committedView.get(s))
                .append(' '));
        text.append("\nstable=").append(stable).append(" executed=").append(executed).append('\n');
        for (int i : correct()) {
            text.append("  ").append(i).append(" P=").append(prepared.get(i).values()).append(" Q=")
                    .append(prePrepared.get(i)).append('\n');
        }
        return text.toString();
    }
}
