package org.bftee.replica;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bftee.core.service.Service;
import org.bftee.core.service.bank.BankService;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.core.service.kv.KvService;

/**
 * The services shipped with the product that a replica EAR can run, named as the {@code bft replica
 * --service} option names them. Every replica of a group must run the same one.
 */
public enum ShippedService {

    /** The key-value store: get, put, compare-and-set, delete, scan by prefix. The default. */
    KV {
        @Override
        Service create() {
            return new KvService(KvLimits.defaults());
        }
    },

    /** The bank ledger: accounts owned by principals, transfers that never overdraw. */
    BANK {
        @Override
        Service create() {
            return new BankService();
        }
    };

    /** A fresh instance with an empty state. */
    abstract Service create();

    /** The name operators write: {@code kv} or {@code bank}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ShippedService> named(String name) {
        return Arrays.stream(values()).filter(service -> service.optionName().equals(name)).findFirst();
    }

    static String names() {
        return Arrays.stream(values()).map(ShippedService::optionName).collect(Collectors.joining(" or "));
    }
}
