package org.bftee.runtime.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.bftee.core.message.Bytes;
import org.bftee.core.service.Service;
import org.bftee.core.service.ShippedServices;
import org.bftee.core.service.bank.BankService;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.core.service.kv.KvService;

/**
 * Which of the shipped services a replica runs, by the name an operator gives it (command line,
 * server configuration): every replica of a group must run the same one, and its clients address
 * operations accordingly.
 */
public enum ServiceChoice {

    /** The key-value store and the bank ledger together ({@link ShippedServices}), the default. */
    SHIPPED,
    /** The key-value store alone; its operations travel without a service prefix. */
    KV,
    /** The bank ledger alone; its operations travel without a service prefix. */
    BANK;

    public static final ServiceChoice DEFAULT = SHIPPED;

    /** @throws IllegalArgumentException naming the choices, for a name that is none of them */
    public static ServiceChoice named(String name) {
        for (ServiceChoice choice : values()) {
            if (choice.configName().equals(name)) {
                return choice;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a shipped service; choose one of "
                + Arrays.stream(values()).map(ServiceChoice::configName).collect(Collectors.joining(", ")));
    }

    /** The name in configuration: {@code shipped}, {@code kv} or {@code bank}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A fresh instance of the service, for one replica. */
    public Service create() {
        return switch (this) {
            case SHIPPED -> new ShippedServices(KvLimits.defaults());
            case KV -> new KvService(KvLimits.defaults());
            case BANK -> new BankService();
        };
    }

    /**
     * A key-value store operation as a client of this service sends it.
     *
     * @throws IllegalStateException if the service has no key-value store
     */
    public Bytes kvOperation(Bytes operation) {
        return switch (this) {
            case SHIPPED -> ShippedServices.forKv(operation);
            case KV -> operation;
            case BANK -> throw new IllegalStateException("the bank ledger has no key-value operations");
        };
    }
}
