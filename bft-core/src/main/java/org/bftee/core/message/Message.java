package org.bftee.core.message;

/**
 * A protocol message, one record per message of the thesis.
 *
 * <p>Handlers dispatch with an exhaustive {@code switch} over {@link #type()}: a switch
 * expression over the enum fails to compile when a message type is added and a case is missing.
 * (On Java 21 the switch can match the sealed interface directly; Java 17 has no pattern switch.)
 *
 * <p>Records check their own invariants only against programmer errors (nulls, negative values
 * that cannot occur); they know nothing of limits. Input from peers is validated by the codec,
 * which never builds a record from values that would make its constructor throw.
 */
public sealed interface Message
        permits Request, Reply, PrePrepare, Prepare, Commit, Checkpoint, ViewChange, ViewChangeAck, NewView,
        NewKey, QueryStable, ReplyStable, Fetch, MetaData, MetaDataDigest, Data, Status {

    /** The wire type of this message; each record returns one fixed constant. */
    MessageType type();
}
