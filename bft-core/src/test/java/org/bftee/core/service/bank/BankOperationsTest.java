package org.bftee.core.service.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.bftee.core.message.Bytes;
import org.junit.jupiter.api.Test;

class BankOperationsTest {

    @Provide
    Arbitrary<BankOperation> operations() {
        Arbitrary<Long> any = Arbitraries.longs();
        return Arbitraries.oneOf(
                any.map(BankOperation.OpenAccount::new),
                Combinators.combine(any, any).as(BankOperation.Deposit::new),
                Combinators.combine(any, any, any).as(BankOperation.Transfer::new),
                any.map(BankOperation.Balance::new),
                Arbitraries.just(new BankOperation.Total()));
    }

    @Property
    void encodeThenDecodeIsIdentity(@ForAll("operations") BankOperation operation) {
        Bytes encoded = BankOperations.encode(operation);
        assertEquals(Optional.of(operation), BankOperations.decode(encoded));
        assertEquals(operation.type().isReadOnly(), BankOperations.isReadOnly(encoded));
    }

    @Property(tries = 2000)
    void randomBytesDecodeWithoutThrowingAndOnlyCanonically(@ForAll @Size(max = 30) byte[] input) {
        Bytes bytes = Bytes.of(input);
        BankOperations.decode(bytes).ifPresent(decoded -> assertEquals(bytes, BankOperations.encode(decoded)));
    }

    @Test
    void malformedInputsDecodeToEmpty() {
        Bytes[] malformed = {
            Bytes.EMPTY,
            Bytes.of(new byte[] {0}),
            Bytes.of(new byte[] {6}),
            Bytes.of(new byte[] {(byte) 0x81}),
            Bytes.of(new byte[] {1, 0, 0, 0}),                                    // truncated account
            Bytes.wrap(ByteBuffer.allocate(10).put((byte) 1).putLong(5).array()), // trailing byte
            Bytes.wrap(ByteBuffer.allocate(17).put((byte) 3).putLong(1).putLong(2).array()), // missing amount
            Bytes.of(new byte[] {5, 0}),                                          // TOTAL with a trailing byte
        };
        for (Bytes input : malformed) {
            assertTrue(BankOperations.decode(input).isEmpty(), input.toString());
            assertFalse(BankOperations.isReadOnly(input));
        }
    }
}
