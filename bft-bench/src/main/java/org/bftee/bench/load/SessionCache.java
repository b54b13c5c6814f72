package org.bftee.bench.load;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Targets whose load client {@code i} is a long-lived client session of principal {@code i}:
 * sessions are opened on first use and kept across runs (a session's request timestamps only grow,
 * and keys are exchanged once), and closed with the factory.
 *
 * @param <S> the session type
 */
abstract class SessionCache<S extends AutoCloseable> implements LoadTargetFactory {

    private static final System.Logger LOG = System.getLogger(SessionCache.class.getName());

    private final int clientsMax;
    private final String name;
    private final Map<Integer, S> sessions = new HashMap<>();

    SessionCache(String name, int clientsMax) {
        this.name = name;
        this.clientsMax = clientsMax;
    }

    /** Opens the session of client principal {@code clientIndex}. */
    abstract S connect(int clientIndex) throws Exception;

    abstract CompletableFuture<byte[]> invoke(S session, byte[] operation, boolean readOnly);

    /** Closes what the sessions share, after every session was closed. */
    abstract void closeShared();

    @Override
    public final synchronized LoadTarget open(int clientIndex) throws Exception {
        if (clientIndex >= clientsMax) {
            throw new IllegalArgumentException("target " + name + " has " + clientsMax + " client principals, not "
                    + (clientIndex + 1));
        }
        S session = sessions.get(clientIndex);
        if (session == null) {
            session = connect(clientIndex);
            sessions.put(clientIndex, session);
        }
        S opened = session;
        return new LoadTarget() {
            @Override
            public CompletableFuture<byte[]> invoke(byte[] operation, boolean readOnly) {
                return SessionCache.this.invoke(opened, operation, readOnly);
            }

            @Override
            public void close() {
                // The session outlives the run; the factory closes it.
            }
        };
    }

    @Override
    public final synchronized void close() {
        for (S session : sessions.values()) {
            try {
                session.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing a session of target " + name + " failed", e);
            }
        }
        sessions.clear();
        closeShared();
    }
}
