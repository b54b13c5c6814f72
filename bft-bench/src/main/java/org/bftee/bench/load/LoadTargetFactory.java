package org.bftee.bench.load;

/**
 * Opens the target of one client. The generator opens targets {@code 0 .. clients - 1} before each
 * run and closes them after it, so one index may be opened again by a later run or point (and index
 * 0 also for a workload's setup); a factory whose sessions must keep state across runs (request
 * timestamps, for one) keeps it itself.
 *
 * <p>{@link #close()} releases what the factory's targets share (threads, event loops); it is
 * called once, after the last run, and does nothing unless a factory overrides it. Like {@link
 * LoadTarget#close()} it declares no checked exception.
 */
@FunctionalInterface
public interface LoadTargetFactory extends AutoCloseable {

    LoadTarget open(int clientIndex) throws Exception;

    @Override
    default void close() {
    }
}
