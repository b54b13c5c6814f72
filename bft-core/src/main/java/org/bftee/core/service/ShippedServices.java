package org.bftee.core.service;

import java.util.Objects;

import org.bftee.core.message.Bytes;
import org.bftee.core.service.bank.BankService;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.core.service.kv.KvService;
import org.bftee.core.state.ObjectRange;
import org.bftee.core.state.ObjectStoreView;

/**
 * The services BFT-EE ships, in one group: the key-value store and the bank ledger side by side.
 * An operation's first byte names the service ({@link #KV} or {@link #BANK}), the rest is that
 * service's operation. The object store is split in two halves, the first the key-value store's,
 * the second the ledger's, so neither can read or write the other's objects.
 *
 * <p>Why one group for both: an application (the sample's beans) uses both, and a group per
 * service would double the servers. A group may still run either service alone; then its clients
 * send that service's operations without the prefix.
 */
public final class ShippedServices implements Service {

    /** The first byte of a key-value store operation. */
    public static final byte KV = 'K';
    /** The first byte of a bank ledger operation. */
    public static final byte BANK = 'B';

    private final KvService kv;
    private final BankService bank;

    public ShippedServices(KvLimits kvLimits) {
        this.kv = new KvService(Objects.requireNonNull(kvLimits, "kvLimits"));
        this.bank = new BankService();
    }

    /** {@code operation} of the key-value store, addressed to it. */
    public static Bytes forKv(Bytes operation) {
        return operation.prefixedWith(KV);
    }

    /** {@code operation} of the bank ledger, addressed to it. */
    public static Bytes forBank(Bytes operation) {
        return operation.prefixedWith(BANK);
    }

    @Override
    public Bytes execute(Bytes operation, InvocationContext context, ObjectStoreView state) {
        if (state.objectCount() < 4) {
            throw new IllegalStateException("the shipped services need at least 4 objects, the store has "
                    + state.objectCount());
        }
        if (operation.isEmpty()) {
            return ServiceResult.encode(ResultCode.MALFORMED);
        }
        return switch (operation.byteAt(0)) {
            case KV -> kv.execute(operation.from(1), context, kvHalf(state));
            case BANK -> bank.execute(operation.from(1), context, bankHalf(state));
            default -> ServiceResult.encode(ResultCode.MALFORMED);
        };
    }

    @Override
    public boolean isReadOnly(Bytes operation) {
        if (operation.isEmpty()) {
            return false;
        }
        return switch (operation.byteAt(0)) {
            case KV -> kv.isReadOnly(operation.from(1));
            case BANK -> bank.isReadOnly(operation.from(1));
            default -> false;
        };
    }

    private static ObjectStoreView kvHalf(ObjectStoreView state) {
        return new ObjectRange(state, 0, state.objectCount() / 2);
    }

    private static ObjectStoreView bankHalf(ObjectStoreView state) {
        int kvObjects = state.objectCount() / 2;
        return new ObjectRange(state, kvObjects, state.objectCount() - kvObjects);
    }
}
