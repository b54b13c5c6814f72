package org.bftee.bench.load;

/** The operations one client sends, in order. Used by one thread at a time; never ends. */
@FunctionalInterface
public interface OperationSource {

    Operation next();

    /** The source of each client, so that a mix can give every client its own random sequence. */
    @FunctionalInterface
    interface Factory {
        OperationSource forClient(int clientIndex);
    }

    /** A source that sends {@code operation} every time. */
    static Factory constant(Operation operation) {
        return clientIndex -> () -> operation;
    }
}
