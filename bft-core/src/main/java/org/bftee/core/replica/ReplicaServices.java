package org.bftee.core.replica;

import java.util.Objects;

import org.bftee.core.codec.MessageCodec;
import org.bftee.core.crypto.Authenticators;
import org.bftee.core.crypto.Digester;
import org.bftee.core.protocol.TimeSource;
import org.bftee.core.service.Service;
import org.bftee.core.state.ObjectStore;

/**
 * What the outside world hands a replica: the codec (for digest inputs), a digester, the
 * authenticators over its session keys, its time source, the object store holding the service
 * state, the service, its observer and its {@link DurableLog}. A parameter object so that the constructor's arguments cannot be swapped.
 */
public record ReplicaServices(
        MessageCodec codec,
        Digester digester,
        Authenticators authenticators,
        TimeSource time,
        ObjectStore store,
        Service service,
        ReplicaObserver observer,
        DurableLog durableLog) {

    /** Services of a replica that keeps its votes in memory only ({@link DurableLog#NONE}). */
    public ReplicaServices(MessageCodec codec, Digester digester, Authenticators authenticators, TimeSource time,
                           ObjectStore store, Service service, ReplicaObserver observer) {
        this(codec, digester, authenticators, time, store, service, observer, DurableLog.NONE);
    }

    public ReplicaServices {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(digester, "digester");
        Objects.requireNonNull(authenticators, "authenticators");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(durableLog, "durableLog");
    }
}
