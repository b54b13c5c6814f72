package org.bftee.runtime.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.ResultCode;
import org.bftee.core.service.ServiceResult;
import org.bftee.core.service.kv.KvOperation;
import org.bftee.core.service.kv.KvOperations;

/** Key-value operations with string keys and values, and the value in a get's result, for the group tests. */
final class KvOps {

    private KvOps() {
    }

    static Bytes put(String key, String value) {
        return KvOperations.encode(new KvOperation.Put(bytes(key), bytes(value)));
    }

    static Bytes get(String key) {
        return KvOperations.encode(new KvOperation.Get(bytes(key)));
    }

    static Bytes bytes(String text) {
        return Bytes.of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The value in a get's result, which must be OK. */
    static String valueOf(Bytes result) {
        ServiceResult decoded = ServiceResult.decode(result).orElseThrow();
        assertEquals(ResultCode.OK, decoded.code(), "result code");
        return new String(decoded.payload().toByteArray(), StandardCharsets.UTF_8);
    }
}
