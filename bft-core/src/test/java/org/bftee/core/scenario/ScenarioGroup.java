package org.bftee.core.scenario;

import org.bftee.core.message.Bytes;
import org.bftee.core.service.kv.KvOperation;

/**
 * A replica group running the key-value service, as the shared scenarios drive it (STYLE rule 12):
 * the same scenarios run over the simulated network ({@code SimScenarioGroup}, virtual time) and
 * over Netty on loopback ({@code NettyScenarioGroup} in bft-runtime, real threads, sockets and keys).
 * Every call blocks until it is done; time passes as the transport's does.
 */
public interface ScenarioGroup extends AutoCloseable {

    int f();

    default int n() {
        return 3 * f() + 1;
    }

    /**
     * Client {@code client} (0-based) invokes {@code operation} and waits for its certified result.
     *
     * @throws AssertionError if no result comes within the scenario bound
     */
    Bytes invoke(int client, KvOperation operation, boolean readOnly);

    /** Client {@code client} invokes each operation at once, concurrently, and waits for all results, in order. */
    java.util.List<Bytes> invokeAll(int client, java.util.List<KvOperation> operations);

    /** Replica {@code replica} crashes for good: it neither sends nor receives again. */
    void crash(int replica);

    /** The view of replica {@code replica} and whether it is installed. */
    long view(int replica);

    boolean viewActive(int replica);

    /** Requests replica {@code replica} executed, tentatively or committed. */
    long requestsExecuted(int replica);

    /** Waits (as the transport's time passes) until every running replica executed at least {@code requests}. */
    void awaitExecutedEverywhere(long requests);

    @Override
    void close();
}
