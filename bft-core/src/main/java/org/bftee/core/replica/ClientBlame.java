package org.bftee.core.replica;

import java.util.Arrays;
import java.util.List;

/**
 * Stops a client that keeps causing view changes from causing more, for a named period.
 *
 * <p>Why it exists: a request's authenticator may be valid at the backups and not at the primary
 * (PROTOCOL.md, "Authentication"). The backups authenticate it and wait for it, the primary cannot and
 * never orders it, and the backups' view-change timer replaces a correct primary; the client can do it
 * again in every view. With MACs the primary cannot prove the forgery, so the backups judge by what
 * they see: a client whose waited requests were outstanding at {@code f + 1} consecutive expiries of
 * this replica's view-change timer, with none of them committing in between, was failed by {@code f + 1}
 * different primaries (consecutive views have different primaries), so by at least one correct one:
 * either the client is faulty or the network was not timely. The {@code f + 1}-th expiry therefore
 * does not change the view if this client's requests are all that was waited for (the primary of the
 * moment is not to blame), and for {@code clientThrottle} its requests no longer arm the view-change
 * timer here (they are still forwarded and ordered if the primary orders them). So such a client causes
 * at most {@code f} view changes per period, and a faulty
 * primary censoring a correct client is still replaced: {@code f} faulty primaries in a row blame it
 * only {@code f} times, and a commit of one of its requests clears the count. A view this replica
 * leaves in which a request of the client failed authentication here counts as one blame too (see
 * {@link #leavingView}); so anyone able to forge requests in a correct client's name can add to its
 * count, but a correct client whose requests commit never reaches {@code f + 1}, and being barred only
 * stops its requests from arming this replica's timer.
 */
final class ClientBlame {

    private final int[] clients;
    private final int blamesMax;
    private final long throttleMillis;
    private final int[] blames;
    private final long[] lastBlamedView;
    private final long[] exemptUntilMillis;
    /** The last view in which a request of the client failed authentication here, or -1. */
    private final long[] lastUnauthenticView;
    private long throttlesStarted;

    ClientBlame(List<Integer> sortedClients, int f, long throttleMillis) {
        this.clients = sortedClients.stream().mapToInt(Integer::intValue).toArray();
        this.blamesMax = f + 1;
        this.throttleMillis = throttleMillis;
        this.blames = new int[clients.length];
        this.lastBlamedView = new long[clients.length];
        Arrays.fill(lastBlamedView, -1);
        this.exemptUntilMillis = new long[clients.length];
        this.lastUnauthenticView = new long[clients.length];
        Arrays.fill(lastUnauthenticView, -1);
    }

    /** Whether a waited request of {@code client} may arm the view-change timer now. */
    boolean mayArmTimer(int client, ReplicaContext context) {
        int index = Arrays.binarySearch(clients, client);
        if (index < 0 || exemptUntilMillis[index] == 0) {
            return true;
        }
        if (context.services.time().nowMillis() >= exemptUntilMillis[index]) {
            exemptUntilMillis[index] = 0;
            return true;
        }
        return false;
    }

    /** The view-change timer of {@code view} expired while {@code client} had a waited request; true if that throttled it. */
    boolean blame(int client, long view, long nowMillis) {
        int index = Arrays.binarySearch(clients, client);
        if (index < 0 || lastBlamedView[index] == view) {
            return false;
        }
        lastBlamedView[index] = view;
        if (++blames[index] < blamesMax) {
            return false;
        }
        blames[index] = 0;
        exemptUntilMillis[index] = nowMillis + throttleMillis;
        throttlesStarted++;
        return true;
    }

    /** A request of {@code client} failed authentication here in {@code view}. */
    void unauthentic(int client, long view) {
        int index = Arrays.binarySearch(clients, client);
        if (index >= 0) {
            lastUnauthenticView[index] = view;
        }
    }

    /**
     * This replica leaves {@code view}, for whatever reason: each client whose request failed authentication
     * here in that view is blamed once for it, as a waited request would be. A replica that was the primary
     * the client's authenticators were forged for saw no request of it to wait for, only failures; without
     * this it would be the one replica not yet counting the client, and would go on alone to the next view.
     */
    void leavingView(long view, long nowMillis, java.util.function.IntConsumer barred) {
        for (int index = 0; index < clients.length; index++) {
            if (lastUnauthenticView[index] == view && blame(clients[index], view, nowMillis)) {
                barred.accept(clients[index]);
            }
        }
    }

    /** A waited request of {@code client} committed: whoever was primary ordered it. */
    void cleared(int client) {
        int index = Arrays.binarySearch(clients, client);
        if (index >= 0) {
            blames[index] = 0;
        }
    }

    long throttlesStarted() {
        return throttlesStarted;
    }
}
