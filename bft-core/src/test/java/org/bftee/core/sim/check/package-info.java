/**
 * Checkers a simulated run is judged by, pure classes fed with observations during or after the
 * run: {@link org.bftee.core.sim.check.AgreementChecker} (same batch per sequence number, same
 * checkpoint digests), {@link org.bftee.core.sim.check.ExactlyOnceChecker},
 * {@link org.bftee.core.sim.check.LinearizabilityChecker} over a {@link org.bftee.core.sim.check.KvHistory},
 * and {@link org.bftee.core.sim.check.LivenessChecker}. Each reports a
 * {@link org.bftee.core.sim.check.Violation} whose message names the replica, sequence number, key
 * or operation concerned.
 */
package org.bftee.core.sim.check;
