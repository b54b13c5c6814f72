package org.bftee.core.sim;

/** The one-way link from principal {@code from} to principal {@code to}. */
public record Link(int from, int to) {
}
