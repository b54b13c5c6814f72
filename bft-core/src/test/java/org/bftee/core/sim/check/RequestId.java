package org.bftee.core.sim.check;

/** A client operation as the protocol names it: {@code (client, lane, timestamp)}. */
public record RequestId(int client, int lane, long timestamp) {

    @Override
    public String toString() {
        return "(client " + client + ", lane " + lane + ", t " + timestamp + ")";
    }
}
