package org.bftee.core.service.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.ResultCode;
import org.bftee.core.service.ServiceHarness;
import org.bftee.core.service.ServiceResult;
import org.bftee.core.state.ObjectStoreLimits;

/** Random puts, compare-and-sets and deletes against a sorted map: gets and paged scans agree with it. */
class KvModelProperties {

    @Provide
    Arbitrary<List<KvOperation>> writes() {
        Arbitrary<Bytes> key = Arbitraries.bytes().between((byte) 0, (byte) 3).array(byte[].class)
                .ofMinSize(1).ofMaxSize(3).map(Bytes::of);
        Arbitrary<Bytes> value = Arbitraries.bytes().array(byte[].class).ofMaxSize(3).map(Bytes::of);
        return Arbitraries.<KvOperation>oneOf(
                Combinators.combine(key, value).as(KvOperation.Put::new),
                Combinators.combine(key, value.optional(), value).as(KvOperation.CompareAndSet::new),
                key.map(KvOperation.Delete::new)).list().ofMaxSize(60);
    }

    @Property(tries = 200)
    void behavesLikeASortedMap(@ForAll("writes") List<KvOperation> writes) {
        ServiceHarness kv = new ServiceHarness(new KvService(new KvLimits(4, 8, 5, 100)),
                new ObjectStoreLimits(5, 4096, 4));
        TreeMap<byte[], Bytes> model = new TreeMap<>(Arrays::compareUnsigned);
        for (KvOperation write : writes) {
            ResultCode expected = applyToModel(model, write);
            assertEquals(expected, kv.call(1, KvOperations.encode(write)).code(), write.toString());
        }
        for (Map.Entry<byte[], Bytes> entry : model.entrySet()) {
            ServiceResult got = kv.read(1, KvOperations.encode(new KvOperation.Get(Bytes.of(entry.getKey()))));
            assertEquals(new ServiceResult(ResultCode.OK, entry.getValue()), got);
        }
        List<Bytes> scanned = new ArrayList<>();
        Bytes after = Bytes.EMPTY;
        KvScanResult page;
        do {
            ServiceResult result = kv.read(2, KvOperations.encode(new KvOperation.Scan(Bytes.EMPTY, after, 3)));
            page = KvScanResult.decode(result.payload()).orElseThrow();
            page.entries().forEach(entry -> scanned.add(entry.key()));
            after = scanned.isEmpty() ? after : scanned.get(scanned.size() - 1);
        } while (page.more());
        assertEquals(model.keySet().stream().map(Bytes::of).toList(), scanned);
        kv.store().checkpoint(kv.sequence() + 1);
        kv.store().checkInvariants();
    }

    private static ResultCode applyToModel(TreeMap<byte[], Bytes> model, KvOperation write) {
        if (write instanceof KvOperation.Put put) {
            model.put(put.key().toByteArray(), put.value());
            return ResultCode.OK;
        }
        if (write instanceof KvOperation.CompareAndSet cas) {
            if (!Optional.ofNullable(model.get(cas.key().toByteArray())).equals(cas.expected())) {
                return ResultCode.CONFLICT;
            }
            model.put(cas.key().toByteArray(), cas.value());
            return ResultCode.OK;
        }
        KvOperation.Delete delete = (KvOperation.Delete) write;
        return model.remove(delete.key().toByteArray()) != null ? ResultCode.OK : ResultCode.NOT_FOUND;
    }
}
