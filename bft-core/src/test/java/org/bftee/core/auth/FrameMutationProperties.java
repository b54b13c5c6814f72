package org.bftee.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.ByteBuffer;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.bftee.core.message.Message;
import org.bftee.core.message.MessageType;

/**
 * Random edits of sealed frames never make the opener throw. For types with a MAC the edited
 * frame is rejected, or opened exactly as the original was: an edit can be invisible only where
 * nothing this receiver checks lies (another replica's entry of an authenticator). REQUEST and
 * NEW-KEY carry no MAC: an edit may change the message, which their own authenticator or
 * signature then catches; the opener only must not throw.
 */
class FrameMutationProperties {

    private static final int RECEIVER = 0;

    private final AuthGroup group = new AuthGroup();

    /** One edit of a frame; positions are taken modulo the frame's length. */
    record Mutation(Kind kind, int position, int value, int length) {

        enum Kind { FLIP_BITS, SET_BYTE, OVERWRITE_RUN, INSERT_BYTE, DELETE_BYTE, TRUNCATE, APPEND }

        byte[] apply(byte[] frame) {
            int at = Math.floorMod(position, frame.length);
            return switch (kind) {
                case FLIP_BITS -> {
                    byte[] copy = frame.clone();
                    copy[at] ^= (byte) (value == 0 ? 1 : value);
                    yield copy;
                }
                case SET_BYTE -> {
                    byte[] copy = frame.clone();
                    copy[at] = (byte) value;
                    yield copy;
                }
                case OVERWRITE_RUN -> {
                    byte[] copy = frame.clone();
                    Arrays.fill(copy, at, Math.min(copy.length, at + length), (byte) value);
                    yield copy;
                }
                case INSERT_BYTE -> {
                    byte[] copy = new byte[frame.length + 1];
                    System.arraycopy(frame, 0, copy, 0, at);
                    copy[at] = (byte) value;
                    System.arraycopy(frame, at, copy, at + 1, frame.length - at);
                    yield copy;
                }
                case DELETE_BYTE -> {
                    byte[] copy = new byte[frame.length - 1];
                    System.arraycopy(frame, 0, copy, 0, at);
                    System.arraycopy(frame, at + 1, copy, at, frame.length - at - 1);
                    yield copy;
                }
                case TRUNCATE -> Arrays.copyOf(frame, at);
                case APPEND -> {
                    byte[] copy = Arrays.copyOf(frame, frame.length + length);
                    Arrays.fill(copy, frame.length, copy.length, (byte) value);
                    yield copy;
                }
            };
        }
    }

    /** A frame as sent to replica 0: multicast where the type allows it, else point to point. */
    record Sealed(Message message, int sender, byte[] frame) {
    }

    @Provide
    Arbitrary<Sealed> sealedFrames() {
        return Arbitraries.of(MessageType.class).map(type -> {
            int sender = type == MessageType.REQUEST ? AuthGroup.CLIENT : 1;
            Message message = AuthSamples.authoredBy(type, sender);
            FrameSealer sealer = group.sealer(sender);
            ByteBuffer frame = type.authentication() == MessageType.Authentication.MAC
                    ? sealer.seal(RECEIVER, message) : sealer.sealMulticast(message);
            return new Sealed(message, sender, AuthGroup.bytes(frame));
        });
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.of(Mutation.Kind.class), Arbitraries.integers(),
                Arbitraries.integers().between(-128, 255), Arbitraries.integers().between(1, 40))
                .as(Mutation::new);
    }

    @Property(tries = 3000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void aMutatedFrameIsRejectedOrOpenedUnchanged(@ForAll("sealedFrames") Sealed sealed,
                                                  @ForAll("mutations") Mutation mutation) {
        byte[] mutated = mutation.apply(sealed.frame());

        OpenResult result = group.opener(RECEIVER).open(ByteBuffer.wrap(mutated));

        assertNotNull(result);
        boolean authenticated = sealed.message().type().authentication() != MessageType.Authentication.NONE;
        if (authenticated && result instanceof OpenResult.Opened opened) {
            assertEquals(new OpenResult.Opened(sealed.sender(), sealed.message()), opened,
                    "an edited frame opened as something else: " + mutation);
        }
        Statistics.label("outcome").collect(result instanceof OpenResult.Rejected rejected
                ? rejected.reason().name() : Arrays.equals(mutated, sealed.frame()) ? "UNCHANGED" : "OPENED");
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("UNDECODABLE").count(count -> count > 0);
            coverage.check("MAC_FORGED").count(count -> count > 0);
            coverage.check("OPENED").count(count -> count > 0);
        });
    }

    @Property(tries = 1000)
    void arbitraryBytesNeverMakeTheOpenerThrow(@ForAll byte[] garbage) {
        assertNotNull(group.opener(RECEIVER).open(ByteBuffer.wrap(garbage)));
    }
}
