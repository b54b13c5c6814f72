package org.bftee.core.replica;

/**
 * Protocol bugs that tests plant on purpose, to prove that the simulator's checkers would catch
 * them (issue: "evidence that the checkers work"). Production configurations always use
 * {@link #NONE}; {@link ReplicaConfig#of} has no way to set another value.
 */
public enum PlantedBug {
    /** The protocol as specified. */
    NONE,
    /** Prepared after {@code f} matching PREPAREs instead of {@code 2f}: two batches can prepare at one sequence number. */
    PREPARE_QUORUM_F,
    /** PREPAREs are counted without comparing their digest with the pre-prepare's. */
    PREPARE_DIGEST_UNCHECKED,
    /** The reply cache is not consulted at execution: a batched duplicate executes twice. */
    EXACTLY_ONCE_SKIPPED,
    /** Backups do not check the client authenticators of the requests in a pre-prepare. */
    REQUEST_AUTHENTICATION_SKIPPED,
    /** Backups accept a NEW-VIEW from the new primary without re-running the decision procedure. */
    NEW_VIEW_UNCHECKED
}
