package org.bftee.core.sim.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bftee.core.message.Bytes;

/**
 * Checks that a key-value history is linearizable: some order of the operations respects real
 * time (an operation that completed before another was invoked comes first) and gives every
 * client the result it got from the sequential store.
 *
 * <p>Linearizability is local (Herlihy and Wing), and every KV operation but scan touches one key,
 * so each key's history is checked on its own against {@link KvRegisterModel}. The search is
 * Wing and Gong's, with Lowe's memoization (WGL): it tries to linearize the earliest pending
 * invocations first, backtracks when a response is reached whose operation is not yet placed,
 * and never revisits a (set of linearized operations, register state) pair. A pending call (no
 * response) may take effect at any time after its invocation, or never. Calls whose response
 * time equals another's invocation time count as concurrent. The search is bounded by
 * {@code statesMax} per key; past it the result is {@link LinearizabilityResult.Inconclusive}.
 */
public final class LinearizabilityChecker {

    /** States explored per key before the search gives up. */
    public static final int STATES_MAX_DEFAULT = 200_000;

    private final int statesMax;

    public LinearizabilityChecker(int statesMax) {
        if (statesMax < 1) {
            throw new IllegalArgumentException("statesMax must be positive, got " + statesMax);
        }
        this.statesMax = statesMax;
    }

    public LinearizabilityChecker() {
        this(STATES_MAX_DEFAULT);
    }

    /** The verdict on {@code history}: the first key found not linearizable, or inconclusive, or linearizable. */
    public LinearizabilityResult check(KvHistory history) {
        Map<Bytes, List<KvCall>> byKey = new LinkedHashMap<>();
        for (KvCall call : history.calls()) {
            byKey.computeIfAbsent(call.key(), k -> new ArrayList<>()).add(call);
        }
        long explored = 0;
        for (Map.Entry<Bytes, List<KvCall>> key : byKey.entrySet()) {
            LinearizabilityResult result = new KeySearch(key.getKey(), key.getValue(), statesMax).run();
            if (!(result instanceof LinearizabilityResult.Linearizable linearizable)) {
                return result;
            }
            explored += linearizable.statesExplored();
        }
        return new LinearizabilityResult.Linearizable(byKey.size(), explored);
    }

    /** Throws a {@link Violation} unless {@code history} is linearizable; an inconclusive search fails too. */
    public void verify(KvHistory history) {
        LinearizabilityResult result = check(history);
        if (result instanceof LinearizabilityResult.NotLinearizable bad) {
            throw new Violation("linearizability violated on key " + KvCall.show(bad.key()) + ": " + bad.explanation());
        }
        if (result instanceof LinearizabilityResult.Inconclusive unknown) {
            throw new Violation("linearizability of key " + KvCall.show(unknown.key()) + " undecided after "
                    + unknown.statesExplored() + " states: shorten the history or raise statesMax");
        }
    }

    /** One entry of the WGL list: the invocation or the response of a call. */
    private static final class Entry {
        final KvCall call;
        final boolean isInvocation;
        final long time;
        Entry match;
        Entry previous;
        Entry next;

        Entry(KvCall call, boolean isInvocation, long time) {
            this.call = call;
            this.isInvocation = isInvocation;
            this.time = time;
        }
    }

    private record Frame(Entry invocation, Optional<Bytes> stateBefore) {
    }

    private record Visited(BitSet linearized, Optional<Bytes> state) {
    }

    /** The WGL search over one key's calls. */
    private static final class KeySearch {
        private final Bytes key;
        private final List<KvCall> calls;
        private final int statesMax;
        private final Entry head = new Entry(null, false, Long.MIN_VALUE);
        private List<KvCall> deepestPrefix = List.of();
        private KvCall deepestStuck;

        KeySearch(Bytes key, List<KvCall> calls, int statesMax) {
            this.key = key;
            this.calls = calls;
            this.statesMax = statesMax;
            link();
        }

        private void link() {
            List<Entry> entries = new ArrayList<>();
            for (KvCall call : calls) {
                Entry invocation = new Entry(call, true, call.invokedAtMillis());
                Entry response = new Entry(call, false, call.respondedAtMillis());
                invocation.match = response;
                entries.add(invocation);
                entries.add(response);
            }
            // At equal times invocations come first: touching calls count as concurrent.
            entries.sort(Comparator.comparingLong((Entry e) -> e.time).thenComparing(e -> !e.isInvocation));
            Entry previous = head;
            for (Entry entry : entries) {
                previous.next = entry;
                entry.previous = previous;
                previous = entry;
            }
        }

        LinearizabilityResult run() {
            int toPlace = (int) calls.stream().filter(c -> !c.isPending()).count();
            Set<Visited> visited = new HashSet<>();
            Deque<Frame> stack = new ArrayDeque<>();
            BitSet linearized = new BitSet(calls.size());
            Optional<Bytes> state = KvRegisterModel.ABSENT;
            Entry entry = head.next;
            while (toPlace > 0) {
                if (entry.isInvocation) {
                    Optional<Bytes> after = apply(state, entry.call);
                    if (after != null) {
                        int index = entry.call.id();
                        linearized.set(index);
                        if (visited.add(new Visited((BitSet) linearized.clone(), after))) {
                            if (visited.size() > statesMax) {
                                return new LinearizabilityResult.Inconclusive(key, visited.size());
                            }
                            stack.push(new Frame(entry, state));
                            state = after;
                            toPlace -= entry.call.isPending() ? 0 : 1;
                            lift(entry);
                            entry = head.next;
                            continue;
                        }
                        linearized.clear(index);
                    }
                    entry = entry.next;
                } else {
                    noteStuck(stack, entry.call);
                    if (stack.isEmpty()) {
                        return new LinearizabilityResult.NotLinearizable(key, explanation());
                    }
                    Frame frame = stack.pop();
                    linearized.clear(frame.invocation().call.id());
                    state = frame.stateBefore();
                    toPlace += frame.invocation().call.isPending() ? 0 : 1;
                    unlift(frame.invocation());
                    entry = frame.invocation().next;
                }
            }
            return new LinearizabilityResult.Linearizable(1, visited.size());
        }

        /** The state after {@code call}, or {@code null} if it cannot have its result now. */
        private static Optional<Bytes> apply(Optional<Bytes> state, KvCall call) {
            return call.isPending() ? KvRegisterModel.effect(state, call.operation())
                    : KvRegisterModel.step(state, call.operation(), call.result());
        }

        private static void lift(Entry invocation) {
            invocation.previous.next = invocation.next;
            invocation.next.previous = invocation.previous;
            Entry response = invocation.match;
            response.previous.next = response.next;
            if (response.next != null) {
                response.next.previous = response.previous;
            }
        }

        private static void unlift(Entry invocation) {
            Entry response = invocation.match;
            response.previous.next = response;
            if (response.next != null) {
                response.next.previous = response;
            }
            invocation.previous.next = invocation;
            invocation.next.previous = invocation;
        }

        /** Remembers the longest linearized prefix seen, and the call whose response it could not pass. */
        private void noteStuck(Deque<Frame> stack, KvCall stuck) {
            if (deepestStuck == null || stack.size() > deepestPrefix.size()) {
                List<KvCall> prefix = new ArrayList<>();
                stack.descendingIterator().forEachRemaining(frame -> prefix.add(frame.invocation().call));
                deepestPrefix = prefix;
                deepestStuck = stuck;
            }
        }

        private String explanation() {
            StringBuilder text = new StringBuilder();
            text.append("no order of its ").append(calls.size())
                    .append(" calls respects real time and every result. Longest such prefix: [");
            for (int i = 0; i < deepestPrefix.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(deepestPrefix.get(i));
            }
            return text.append("]; then ").append(deepestStuck)
                    .append(" must take effect and cannot give its result").toString();
        }
    }
}
