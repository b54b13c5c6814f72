package org.bftee.core.replica;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bitmap;
import org.bftee.core.message.CheckpointEntry;
import org.bftee.core.message.Decision;
import org.bftee.core.message.NewView;
import org.bftee.core.message.PrePreparedEntry;
import org.bftee.core.message.PreparedEntry;
import org.bftee.core.message.Request;
import org.bftee.core.message.Status;
import org.bftee.core.message.ViewChange;
import org.bftee.core.message.ViewChangeAck;
import org.bftee.core.message.ViewChangeRef;
import org.bftee.core.protocol.ProtocolTimer;
import org.bftee.core.viewchange.DecisionProcedure;
import org.bftee.core.viewchange.NewViewCheck;
import org.bftee.core.viewchange.NewViewDecision;
import org.bftee.core.viewchange.ViewChangeRejectReason;
import org.bftee.core.viewchange.ViewChangeValidation;

/**
 * The view change with MACs (PROTOCOL.md, "View change with MACs"), the sub-protocol that
 * replaces a faulty or slow primary.
 *
 * <ul>
 * <li><b>Trigger.</b> A backup that knows of a request and waits for it to execute runs the
 *     VIEW_CHANGE timer; progress restarts it, no request stops it, expiry moves to the next view.</li>
 * <li><b>VIEW-CHANGE</b> carries the stable checkpoint, C, P and Q ({@link SlotHistory}); every
 *     other replica acknowledges it to the new primary, which counts it once {@code 2f - 1} acks
 *     name its digest (its own counts at once).</li>
 * <li><b>NEW-VIEW</b>: the new primary runs the {@link DecisionProcedure} over the counted
 *     messages; a backup re-runs it over the messages the NEW-VIEW names ({@link NewViewCheck})
 *     and accepts only the same decision. {@link NewViewInstaller} installs it.</li>
 * <li><b>Liveness.</b> After its VIEW-CHANGE a replica waits for {@code 2f + 1} of them, then
 *     runs the timer; expiry moves on with the timeout doubled, until a request executes in a new
 *     view. VIEW-CHANGEs for higher views from {@code f + 1} others make a replica join the
 *     smallest of them, and nothing less does: {@code f} faulty replicas cannot force a change.</li>
 * </ul>
 */
final class ViewChanges {

    /** The view-change timeout doubles at most this many times: a bound, so it never overflows. */
    static final int TIMEOUT_DOUBLINGS_MAX = 10;

    private final ReplicaContext context;
    private final Batcher batcher;
    private final NewViewInstaller installer;
    private final ViewChangeLog messages;
    private final ViewChangeValidation validation;
    private final DecisionProcedure procedure;
    private final NewViewCheck newViewCheck;
    private final RequestWaits waits;
    /** Bars a client whose requests keep causing view changes from causing more ({@link ClientBlame}). */
    private final ClientBlame blame;
    /** Replaces a primary that orders, but far slower than the group can ({@link PrimaryMonitor}). */
    private final PrimaryMonitor monitor;

    private final long baseTimeoutMillis;
    /** View changes since a request last executed: the timeout doubles with each. */
    private int consecutive;
    private int doublings;
    private boolean timerRunning;
    /** The NEW-VIEW of the current view: sent (primary), accepted, or pending a backup's check. */
    private NewView newView;
    /**
     * A NEW-VIEW for a higher view that this replica cannot check yet (it lacks VIEW-CHANGEs it
     * names). It moves there only once the check passes: a faulty replica, primary of every
     * {@code n}-th view, must not be able to pull correct replicas out of their view one by one.
     */
    private NewView higherNewView;
    /** The new primary's counted VIEW-CHANGEs, by author. */
    private final Map<Integer, ViewChange> counted = new TreeMap<>();
    /** The new primary's chosen batches it lacks (A3), or empty. */
    private List<Decision> missingBatches = List.of();
    /** Multicasts this replica's STATUS now: how it asks for VIEW-CHANGEs a NEW-VIEW names. */
    private Runnable statusNow = () -> { };

    ViewChanges(ReplicaContext context, Batcher batcher, NewViewInstaller installer) {
        this.context = context;
        this.batcher = batcher;
        this.installer = installer;
        this.messages = new ViewChangeLog(context.quorums);
        this.validation = new ViewChangeValidation(context.quorums, context.config.limits());
        this.procedure = new DecisionProcedure(context.quorums, context.config.limits().logWindow());
        this.newViewCheck = new NewViewCheck(context.quorums, context.config.limits());
        this.waits = new RequestWaits(context.config.pendingRequestsMax());
        var robustness = context.config.robustness();
        this.blame = new ClientBlame(context.config.clients(), context.quorums.f(),
                robustness.clientThrottle().toMillis());
        this.monitor = new PrimaryMonitor(robustness.primaryMonitorWindow().toMillis(),
                robustness.primaryThroughputRatioMin());
        this.baseTimeoutMillis = context.config.timeouts().viewChange().toMillis();
    }

    /** Connects the retransmission's STATUS, which peers answer with the messages this replica lacks. */
    void statusNow(Runnable action) {
        this.statusNow = action;
    }

    // ---- the trigger ----

    /** A backup authenticated {@code request} from a client and waits for it to execute and commit. */
    void onRequestKnown(Request request) {
        if (context.isPrimary() || !context.viewActive || !blame.mayArmTimer(request.client(), context)) {
            return;
        }
        if (waits.await(request.client(), request.lane(), request.timestamp()) && !timerRunning) {
            startTimer();
        }
    }

    /**
     * Execution made progress: waits for committed requests end, and a request committed in this view
     * resets the timeout.
     */
    void afterProgress() {
        if (waits.endCommitted(context.replyCache, context.lastCommitted, blame::cleared) == 0 || !context.viewActive) {
            return;
        }
        consecutive = 0;
        doublings = 0;
        if (waits.isEmpty()) {
            stopTimer();
        } else {
            startTimer();
        }
    }

    void onTimer() {
        timerRunning = false;
        if (context.viewActive && blameWaitingClients()) {
            // Every request still waited for is of a client just barred (ClientBlame): f primaries before this
            // one failed it too, so the client is at fault, not this primary.
            return;
        }
        start(context.view + 1);
    }

    /** A restarted replica that must not speak in its logged view again moves to the next one. */
    void startNextView() {
        start(context.view + 1);
    }

    /** Blames the clients waited for; true if the waits of the clients that became barred were all there were. */
    private boolean blameWaitingClients() {
        long now = context.services.time().nowMillis();
        java.util.List<Integer> barred = new java.util.ArrayList<>();
        waits.forEachClient(client -> {
            if (blame.blame(client, context.view, now)) {
                barred.add(client);
                barred(client, now);
            }
        });
        barred.forEach(waits::forgetClient);
        return !barred.isEmpty() && waits.isEmpty();
    }

    /**
     * Whether the next sequence number to commit has no pre-prepare of this view here: nothing the primary
     * proposed is still waiting for votes, so requests that wait are waiting for the primary. A primary
     * whose batches wait for a quorum that is slow (a replica restarting) is not the one to blame.
     */
    private boolean primaryOwesNext() {
        long next = context.lastCommitted + 1;
        if (!context.log.inWindow(next)) {
            return false;
        }
        var prePrepare = context.log.slot(next).prePrepare();
        return prePrepare == null || prePrepare.view() < context.view;
    }

    private void barred(int client, long now) {
        context.counters.clientBarredFromViewChanges();
        context.services.observer().clientBarredFromViewChanges(context.self, client,
                now + context.config.robustness().clientThrottle().toMillis());
    }

    /** A request of {@code client} failed authentication at this replica. */
    void onUnauthenticRequest(int client) {
        blame.unauthentic(client, context.view);
    }

    /** A STATUS tick: a backup whose primary is far slower than the group has been moves to the next view. */
    void onStatusTimer() {
        // A backup fetching state executes nothing whatever the primary does: it does not judge meanwhile.
        boolean judging = context.viewActive && !context.isPrimary() && context.missingCheckpoint == null
                && !context.fetchingState;
        if (monitor.onTick(context.services.time().nowMillis(), context.view, judging,
                !waits.isEmpty() && primaryOwesNext(), context.counters.requestsExecuted())) {
            context.counters.slowPrimarySuspected();
            context.services.observer().primarySuspectedSlow(context.self, context.view,
                    Math.round(monitor.lastPerSecond()), Math.round(monitor.bestPerSecond()));
            start(context.view + 1);
        }
    }

    // ---- VIEW-CHANGE ----

    void onViewChange(int sender, ViewChange message) {
        Optional<ViewChangeRejectReason> malformed = validation.check(message, message.newView());
        if (malformed.isPresent()) {
            context.counters.drop(DropReason.MALFORMED_VIEW_CHANGE);
            return;
        }
        Digest digest = digestOf(message);
        if (sender != message.replica()) {
            onForwarded(sender, message, digest);
            return;
        }
        switch (messages.storeDirect(message, digest)) {
            case DUPLICATE -> {
                return;
            }
            case STALE -> {
                context.counters.drop(DropReason.STALE_VIEW_CHANGE);
                return;
            }
            case CONFLICTING -> {
                context.counters.drop(DropReason.CONFLICTING_VIEW_CHANGE);
                return;
            }
            case STORED -> {
            }
        }
        long view = message.newView();
        if (view < context.view || view == context.view && context.viewActive) {
            context.counters.drop(DropReason.STALE_VIEW_CHANGE);
            return;
        }
        if (view > context.view) {
            joinIfFPlusOneAhead();
            if (context.view < view) {
                tryAcceptHigherNewView();
            }
            return;
        }
        onCurrentViewChange(message.replica());
    }

    /** A VIEW-CHANGE for the view this replica is changing to, from {@code author}. */
    private void onCurrentViewChange(int author) {
        if (context.isPrimary()) {
            tryCount(author);
        } else {
            acknowledge(author);
        }
        startNewViewTimerOnQuorum();
        if (newView != null) {
            tryAcceptNewView();
        }
    }

    private void onForwarded(int sender, ViewChange message, Digest digest) {
        ViewChangeRef ref = new ViewChangeRef(message.replica(), digest);
        boolean forCurrent = newView != null && !context.viewActive && names(newView, message.newView(), ref);
        boolean forHigher = higherNewView != null && names(higherNewView, message.newView(), ref);
        if (!forCurrent && !forHigher) {
            context.counters.drop(DropReason.UNSOLICITED_VIEW_CHANGE);
            return;
        }
        if (messages.storeForwarded(sender, message, digest)) {
            if (forCurrent) {
                tryAcceptNewView();
            } else {
                tryAcceptHigherNewView();
            }
        }
    }

    private static boolean names(NewView newView, long view, ViewChangeRef ref) {
        return newView.newView() == view && newView.viewChanges().contains(ref);
    }

    void onViewChangeAck(int sender, ViewChangeAck ack) {
        if (sender != ack.replica() || ack.viewChangeSender() >= context.quorums.n()
                || context.quorums.primary(ack.newView()) != context.self) {
            context.counters.drop(DropReason.MISDIRECTED_VIEW_CHANGE_ACK);
            return;
        }
        messages.storeAck(ack);
        if (ack.newView() == context.view && !context.viewActive) {
            tryCount(ack.viewChangeSender());
        }
    }

    /**
     * Moves to view {@code target}: multicasts this replica's VIEW-CHANGE, stops the normal case,
     * and acknowledges the VIEW-CHANGEs for {@code target} it already holds.
     */
    private void start(long target) {
        if (target <= context.view) {
            return;
        }
        stopTimer();
        long now = context.services.time().nowMillis();
        blame.leavingView(context.view, now, client -> barred(client, now));
        doublings = Math.min(consecutive, TIMEOUT_DOUBLINGS_MAX);
        consecutive++;
        context.view = target;
        context.viewActive = false;
        batcher.leaveView();
        // A request still unexecuted re-arms the timer when its client retransmits it; forgetting
        // the waits here bounds the view changes one never-ordered request can cause to one.
        waits.clear();
        newView = null;
        counted.clear();
        missingBatches = List.of();
        messages.clearForwarded();
        context.promises.clear(); // promises bind the view a restart resumed in, which is left now
        context.services.durableLog().viewEntered(target, false);
        ViewChange own = buildViewChange(target);
        messages.storeDirect(own, digestOf(own));
        context.outbox.multicast(own);
        context.counters.viewChangeStarted(consecutive);
        context.services.observer().viewChangeStarted(context.self, target);
        for (int author = 0; author < context.quorums.n(); author++) {
            if (messages.direct(author, target) != null) {
                onCurrentViewChange(author);
            }
        }
    }

    /** A replica with VIEW-CHANGEs for higher views from {@code f + 1} others joins the smallest of those views. */
    private void joinIfFPlusOneAhead() {
        int ahead = 0;
        long smallest = Long.MAX_VALUE;
        for (int replica = 0; replica < context.quorums.n(); replica++) {
            long view = messages.latestView(replica);
            if (replica != context.self && view > context.view) {
                ahead++;
                smallest = Math.min(smallest, view);
            }
        }
        if (ahead >= context.quorums.weak()) {
            start(smallest);
        }
    }

    private void acknowledge(int author) {
        int primary = context.primary();
        if (author == context.self || author == primary) {
            return;
        }
        context.outbox.send(primary, new ViewChangeAck(context.view, context.self, author,
                messages.directDigest(author)));
    }

    /** After its VIEW-CHANGE a replica waits for {@code 2f + 1} of them before it runs the NEW-VIEW timer. */
    private void startNewViewTimerOnQuorum() {
        if (timerRunning || context.viewActive) {
            return;
        }
        int held = 0;
        for (int replica = 0; replica < context.quorums.n(); replica++) {
            if (messages.direct(replica, context.view) != null) {
                held++;
            }
        }
        if (held >= context.quorums.quorum()) {
            startTimer();
        }
    }

    // ---- the new primary ----

    /** Counts {@code author}'s VIEW-CHANGE once {@code 2f - 1} other replicas acknowledged its digest. */
    private void tryCount(int author) {
        if (newView != null || counted.containsKey(author)) {
            return;
        }
        ViewChange message = messages.direct(author, context.view);
        if (message == null) {
            return;
        }
        int acksNeeded = 2 * context.quorums.f() - 1;
        if (author != context.self
                && messages.acks(context.view, author, messages.directDigest(author), context.self) < acksNeeded) {
            return;
        }
        counted.put(author, message);
        tryDecide();
    }

    private void tryDecide() {
        if (newView != null || counted.size() < context.quorums.quorum()) {
            return;
        }
        NewViewDecision decision = procedure.decide(counted, this::batchHeld);
        if (decision instanceof NewViewDecision.Undecided undecided) {
            missingBatches = undecided.missingBatches();
            if (!missingBatches.isEmpty()) {
                installer.reachChosenCheckpoint(undecided.checkpoint(), missingBatches);
            }
            return;
        }
        NewViewDecision.Decided decided = (NewViewDecision.Decided) decision;
        missingBatches = List.of();
        List<ViewChangeRef> refs = new ArrayList<>(counted.size());
        counted.forEach((author, message) -> refs.add(new ViewChangeRef(author, messages.directDigest(author))));
        newView = new NewView(context.view, refs, decided.checkpoint(), decided.decisions());
        context.outbox.multicast(newView);
        install();
    }

    /** A3: whether this replica holds the batch {@code digest} (any sequence number: the digest names the content). */
    private boolean batchHeld(Digest digest) {
        for (long sequence = context.log.lowWaterMark() + 1; context.log.inWindow(sequence); sequence++) {
            if (context.log.slot(sequence).history().batch(digest) != null) {
                return true;
            }
        }
        return false;
    }

    /** Whether the new primary still lacks the batch {@code digest} chosen at {@code sequence}. */
    boolean wantsBatch(long sequence, Digest digest) {
        return missingBatches.contains(new Decision(sequence, digest));
    }

    /** A batch the new primary lacked arrived: decide again. */
    void onBatchFetched() {
        if (!context.viewActive && context.isPrimary()) {
            tryDecide();
        }
    }

    // ---- NEW-VIEW at a backup ----

    void onNewView(int sender, NewView message) {
        if (sender != context.quorums.primary(message.newView())) {
            context.counters.drop(DropReason.NEW_VIEW_NOT_FROM_PRIMARY);
            return;
        }
        if (message.newView() < context.view || message.newView() == context.view && context.viewActive) {
            context.counters.drop(DropReason.STALE_NEW_VIEW);
            return;
        }
        if (newView != null && newView.equals(message)) {
            return;
        }
        if (message.newView() > context.view) {
            if (higherNewView == null || message.newView() >= higherNewView.newView()) {
                if (higherNewView == null || !higherNewView.equals(message)) {
                    messages.clearForwarded();
                }
                higherNewView = message;
                tryAcceptHigherNewView();
                if (higherNewView != null) {
                    statusNow.run();
                }
            }
            return;
        }
        newView = message;
        messages.clearForwarded();
        if (!tryAcceptNewView()) {
            // Ask now rather than at the next STATUS round: the NEW-VIEW timer is running.
            statusNow.run();
        }
    }

    /**
     * A valid NEW-VIEW for a higher view proves that {@code 2f + 1} replicas moved there: follow it.
     * Until the VIEW-CHANGEs it names are held it waits; a NEW-VIEW that fails the check is dropped
     * (this replica is not in that view, so it does not move past it).
     */
    private void tryAcceptHigherNewView() {
        if (higherNewView == null) {
            return;
        }
        if (higherNewView.newView() <= context.view) {
            higherNewView = null;
            return;
        }
        NewViewCheck.Verdict verdict = context.config.plantedBug() == PlantedBug.NEW_VIEW_UNCHECKED
                ? NewViewCheck.Verdict.ACCEPT
                : newViewCheck.check(higherNewView, messages.heldFor(higherNewView.newView(),
                        higherNewView.viewChanges()), this::digestOf).verdict();
        switch (verdict) {
            case ACCEPT -> {
                newView = higherNewView;
                higherNewView = null;
                counted.clear();
                missingBatches = List.of();
                batcher.leaveView();
                waits.clear();
                install();
            }
            case MISSING_VIEW_CHANGES, DIGEST_MISMATCH -> {
                // Wait for the authors' retransmissions or f + 1 forwarded copies.
            }
            default -> {
                context.counters.drop(DropReason.BAD_NEW_VIEW);
                higherNewView = null;
            }
        }
    }

    /** Checks the pending NEW-VIEW; false while it waits for VIEW-CHANGEs it names. */
    private boolean tryAcceptNewView() {
        NewViewCheck.Verdict verdict = context.config.plantedBug() == PlantedBug.NEW_VIEW_UNCHECKED
                ? NewViewCheck.Verdict.ACCEPT
                : newViewCheck.check(newView, messages.heldFor(newView.newView(), newView.viewChanges()),
                        this::digestOf).verdict();
        switch (verdict) {
            case ACCEPT -> {
                install();
                return true;
            }
            case MISSING_VIEW_CHANGES, DIGEST_MISMATCH -> {
                // Wait: the authors retransmit, and replicas holding them forward copies.
                return false;
            }
            default -> {
                // Only a faulty primary sends a NEW-VIEW that fails the check: move on.
                context.counters.drop(DropReason.BAD_NEW_VIEW);
                newView = null;
                start(context.view + 1);
                return true;
            }
        }
    }

    private void install() {
        stopTimer();
        installer.install(newView);
        if (!waits.isEmpty() && !context.isPrimary()) {
            startTimer();
        }
    }

    // ---- retransmission ----

    /** The view-change part of this replica's STATUS: whose VIEW-CHANGE for the current view it holds. */
    Bitmap viewChangesHeld() {
        int n = context.quorums.n();
        int[] held = new int[n];
        int count = 0;
        // With a NEW-VIEW, only the messages it names, with the digests it names, count: a peer
        // seeing the bit set would not forward the copy this replica still needs.
        Map<Integer, ViewChange> named = newView == null ? Map.of()
                : messages.heldFor(context.view, newView.viewChanges());
        for (int replica = 0; replica < n; replica++) {
            boolean holds = newView == null ? messages.direct(replica, context.view) != null : named.containsKey(replica);
            if (holds) {
                held[count++] = replica;
            }
        }
        return Bitmap.of(n, java.util.Arrays.copyOf(held, count));
    }

    boolean newViewHeld() {
        return newView != null;
    }

    /** The new primary's missing batches as a STATUS bitmap over its window (see {@link Status}). */
    Bitmap missingBatchesBitmap() {
        int window = context.config.limits().logWindow();
        long low = context.log.lowWaterMark();
        return Bitmap.of(window, missingBatches.stream()
                .filter(missing -> context.log.inWindow(missing.sequence()))
                .mapToInt(missing -> (int) (missing.sequence() - low - 1)).toArray());
    }

    /**
     * Answers a peer's STATUS with what it lacks of the view change: this replica's VIEW-CHANGE,
     * acks and batches for a new primary, the NEW-VIEW and the VIEW-CHANGEs it names. Returns
     * whether the status was about a view change (so the normal-case retransmission stays out).
     */
    boolean onStatus(int sender, Status status) {
        if (status.view() < context.view) {
            sendOwnViewChange(sender);
            if (context.viewActive && newView != null) {
                sendNewView(sender, Bitmap.EMPTY);
            }
            return true;
        }
        if (status.view() > context.view || !status.viewChangeInProgress() && context.viewActive) {
            return status.view() > context.view;
        }
        if (!status.viewChanges().get(context.self)) {
            sendOwnViewChange(sender);
        }
        if (sender == context.primary() && !status.newViewHeld()) {
            resendAcks();
            sendWantedBatches(sender, status);
        }
        if (newView != null) {
            sendNewView(sender, status.viewChanges());
        }
        return true;
    }

    private void sendOwnViewChange(int peer) {
        ViewChange mine = messages.direct(context.self, context.view);
        if (mine != null) {
            context.outbox.send(peer, mine);
        }
    }

    private void resendAcks() {
        for (int author = 0; author < context.quorums.n(); author++) {
            if (messages.direct(author, context.view) != null) {
                acknowledge(author);
            }
        }
    }

    /** Sends the new primary the batches it marked missing (A3) that this replica pre-prepared. */
    private void sendWantedBatches(int primary, Status status) {
        Bitmap wanted = status.prepared();
        for (int k = 0; k < wanted.size(); k++) {
            long sequence = status.stableSequence() + 1 + k;
            if (!wanted.get(k) || !context.log.inWindow(sequence)) {
                continue;
            }
            SlotHistory history = context.log.slot(sequence).history();
            PrePreparedEntry prePrepared = history.prePreparedEntry(sequence);
            if (prePrepared != null) {
                prePrepared.digestViews().forEach(pair -> context.outbox.send(primary,
                        history.batch(pair.digest()).prePrepare()));
            }
        }
    }

    /** Sends the NEW-VIEW (from its primary) and forwards the VIEW-CHANGEs it names that the peer lacks. */
    private void sendNewView(int peer, Bitmap peerHolds) {
        if (context.isPrimary()) {
            context.outbox.send(peer, newView);
        }
        for (ViewChangeRef ref : newView.viewChanges()) {
            ViewChange held = messages.direct(ref.replica(), newView.newView());
            if (!peerHolds.get(ref.replica()) && held != null && ref.digest().equals(messages.directDigest(ref.replica()))
                    && ref.replica() != peer) {
                context.outbox.send(peer, held);
            }
        }
    }

    // ---- building a VIEW-CHANGE ----

    private ViewChange buildViewChange(long target) {
        long low = context.log.lowWaterMark();
        long high = context.log.highWaterMark();
        var store = context.services.store();
        List<CheckpointEntry> checkpoints = new ArrayList<>();
        for (long sequence : store.retainedCheckpoints()) {
            if (sequence >= low && sequence <= high) {
                checkpoints.add(new CheckpointEntry(sequence, store.checkpointDigest(sequence)));
            }
        }
        List<PreparedEntry> prepared = new ArrayList<>();
        List<PrePreparedEntry> prePrepared = new ArrayList<>();
        for (long sequence = low + 1; sequence <= high; sequence++) {
            SlotHistory history = context.log.slot(sequence).history();
            PreparedEntry p = history.preparedEntry(sequence);
            if (p != null) {
                prepared.add(p);
            }
            PrePreparedEntry q = history.prePreparedEntry(sequence);
            if (q != null) {
                prePrepared.add(q);
            }
        }
        return new ViewChange(target, low, checkpoints, prepared, prePrepared, context.self);
    }

    private Digest digestOf(ViewChange message) {
        return context.services.codec().messageDigest(message, context.services.digester());
    }

    // ---- the timer ----

    private void startTimer() {
        timerRunning = true;
        context.outbox.setTimer(ProtocolTimer.VIEW_CHANGE, baseTimeoutMillis << doublings);
    }

    private void stopTimer() {
        if (timerRunning) {
            timerRunning = false;
            context.outbox.cancelTimer(ProtocolTimer.VIEW_CHANGE);
        }
    }

    /** The current view-change timeout: the configured one, doubled per consecutive view change. */
    long timeoutMillis() {
        return baseTimeoutMillis << doublings;
    }
}
