package org.bftee.core.service.bank;

import java.util.Optional;

/** The wire tag of each bank operation: the operation's first byte. Never renumber one. */
public enum BankOperationType {

    OPEN_ACCOUNT(1, false),
    DEPOSIT(2, false),
    TRANSFER(3, false),
    BALANCE(4, true),
    TOTAL(5, true);

    private final byte tag;
    private final boolean readOnly;

    BankOperationType(int tag, boolean readOnly) {
        this.tag = (byte) tag;
        this.readOnly = readOnly;
    }

    public byte tag() {
        return tag;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public static Optional<BankOperationType> fromTag(int tag) {
        for (BankOperationType type : values()) {
            if (type.tag == tag) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
