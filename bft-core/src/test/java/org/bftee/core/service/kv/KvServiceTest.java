package org.bftee.core.service.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bftee.core.crypto.Digest;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.InvocationContext;
import org.bftee.core.service.ResultCode;
import org.bftee.core.service.ServiceHarness;
import org.bftee.core.service.ServiceResult;
import org.bftee.core.state.ObjectStoreLimits;
import org.junit.jupiter.api.Test;

class KvServiceTest {

    private static final KvLimits LIMITS = new KvLimits(8, 32, 4, 200);

    private final KvService service = new KvService(LIMITS);
    private final ServiceHarness kv = new ServiceHarness(service, new ObjectStoreLimits(8, 256, 8));

    private static Bytes text(String s) {
        return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private ServiceResult put(String key, String value) {
        return kv.call(1, KvOperations.encode(new KvOperation.Put(text(key), text(value))));
    }

    private ServiceResult get(String key) {
        return kv.read(2, KvOperations.encode(new KvOperation.Get(text(key))));
    }

    private ServiceResult cas(String key, Optional<String> expected, String value) {
        return kv.call(3, KvOperations.encode(new KvOperation.CompareAndSet(text(key), expected.map(KvServiceTest::text),
                text(value))));
    }

    private ServiceResult delete(String key) {
        return kv.call(1, KvOperations.encode(new KvOperation.Delete(text(key))));
    }

    private KvScanResult scan(String prefix, String startAfter, int maxResults) {
        ServiceResult result = kv.read(4, KvOperations.encode(new KvOperation.Scan(text(prefix), text(startAfter),
                maxResults)));
        assertEquals(ResultCode.OK, result.code());
        return KvScanResult.decode(result.payload()).orElseThrow();
    }

    private static ServiceResult code(ResultCode code) {
        return new ServiceResult(code, Bytes.EMPTY);
    }

    private static ServiceResult ok(String payload) {
        return new ServiceResult(ResultCode.OK, text(payload));
    }

    @Test
    void putGetDelete() {
        assertEquals(code(ResultCode.NOT_FOUND), get("a"));
        assertEquals(ok(""), put("a", "1"));
        assertEquals(ok("1"), get("a"));
        assertEquals(ok(""), put("a", ""));
        assertEquals(ok(""), get("a")); // present with an empty value, not absent
        assertEquals(ok(""), delete("a"));
        assertEquals(code(ResultCode.NOT_FOUND), get("a"));
        assertEquals(code(ResultCode.NOT_FOUND), delete("a"));
        kv.store().checkpoint(kv.sequence());
        assertEquals(new ServiceHarness(service, new ObjectStoreLimits(8, 256, 8)).store().checkpointDigest(0),
                kv.store().checkpointDigest(kv.sequence()), "deleting the last key leaves the bucket empty");
    }

    @Test
    void compareAndSet() {
        assertEquals(code(ResultCode.CONFLICT), cas("k", Optional.of("x"), "1"));
        assertEquals(ok(""), cas("k", Optional.empty(), "1"));
        assertEquals(code(ResultCode.CONFLICT), cas("k", Optional.empty(), "2"));
        assertEquals(code(ResultCode.CONFLICT), cas("k", Optional.of("2"), "3"));
        assertEquals(ok(""), cas("k", Optional.of("1"), "2"));
        assertEquals(ok("2"), get("k"));
    }

    @Test
    void malformedOperation() {
        assertEquals(code(ResultCode.MALFORMED), kv.call(1, Bytes.of(new byte[] {7, 7})));
        assertEquals(code(ResultCode.MALFORMED), kv.call(1, Bytes.EMPTY));
        assertFalse(service.isReadOnly(Bytes.EMPTY));
    }

    @Test
    void writeInAReadOnlyRequestIsForbidden() {
        Bytes put = KvOperations.encode(new KvOperation.Put(text("a"), text("1")));
        InvocationContext readOnly = new InvocationContext(1, 0, 1, true, 0, 0);
        assertEquals(ServiceResult.encode(ResultCode.FORBIDDEN), service.execute(put, readOnly, kv.store().readOnlyView()));
        assertEquals(code(ResultCode.FORBIDDEN), kv.read(1, put)); // the invoker refuses it before the service
        assertEquals(code(ResultCode.NOT_FOUND), get("a"));
    }

    @Test
    void oversizedKeysAndValuesAreTooLarge() {
        String longKey = "123456789";
        assertEquals(code(ResultCode.TOO_LARGE), put(longKey, "v"));
        assertEquals(code(ResultCode.TOO_LARGE), put("k", "x".repeat(33)));
        assertEquals(code(ResultCode.TOO_LARGE), get(longKey));
        assertEquals(code(ResultCode.TOO_LARGE), delete(longKey));
        assertEquals(code(ResultCode.TOO_LARGE), cas(longKey, Optional.empty(), "v"));
        assertEquals(code(ResultCode.TOO_LARGE), cas("k", Optional.empty(), "x".repeat(33)));
        assertEquals(code(ResultCode.TOO_LARGE),
                kv.read(1, KvOperations.encode(new KvOperation.Scan(text(longKey), Bytes.EMPTY, 1))));
        assertEquals(code(ResultCode.TOO_LARGE),
                kv.read(1, KvOperations.encode(new KvOperation.Scan(Bytes.EMPTY, text(longKey), 1))));
        assertEquals(ok(""), put("12345678", "x".repeat(32)));
    }

    @Test
    void fullBucketRejectsThePutAndKeepsItsContent() {
        // One bucket of 64 bytes: header 4 + entries of 2 + 2 + 4 + 8 = 16 bytes hold three keys.
        ServiceHarness small = new ServiceHarness(service, new ObjectStoreLimits(1, 64, 4));
        Bytes value = text("12345678");
        for (String key : List.of("k1", "k2", "k3")) {
            assertEquals(ResultCode.OK, small.call(1, KvOperations.encode(new KvOperation.Put(text(key), value))).code());
        }
        Bytes before = small.store().read(0);
        assertEquals(code(ResultCode.FULL), small.call(1, KvOperations.encode(new KvOperation.Put(text("k4"), value))));
        assertEquals(code(ResultCode.FULL), small.call(1, KvOperations.encode(
                new KvOperation.CompareAndSet(text("k4"), Optional.empty(), value))));
        assertEquals(code(ResultCode.FULL), small.call(1, KvOperations.encode(
                new KvOperation.Put(text("k1"), text("x".repeat(21))))));
        assertEquals(before, small.store().read(0));
        assertEquals(ResultCode.OK, small.call(1, KvOperations.encode(new KvOperation.Put(text("k1"), text("1")))).code());
    }

    @Test
    void scanReturnsMatchingKeysInOrderAcrossBuckets() {
        for (String key : List.of("b3", "a1", "b1", "c1", "b2", "b10", "a2")) {
            put(key, "v" + key);
        }
        KvScanResult result = scan("b", "", 10);
        assertEquals(List.of("b1", "b10", "b2", "b3"), keys(result));
        assertEquals(text("vb10"), result.entries().get(1).value());
        assertFalse(result.more());

        assertEquals(List.of("b10", "b2"), keys(scan("b", "b1", 2)));
        assertTrue(scan("b", "b1", 2).more());
        assertEquals(List.of("c1"), keys(scan("", "b3", 10)));
        assertFalse(scan("", "b3", 10).more());
        assertEquals(List.of(), keys(scan("z", "", 10)));
    }

    @Test
    void scanIsBoundedByTheServiceLimits() {
        for (int i = 0; i < 10; i++) {
            put("k" + i, "x".repeat(30));
        }
        // At most scanResultsMax (4) entries, whatever the request asks for.
        KvScanResult capped = scan("k", "", 100);
        assertEquals(List.of("k0", "k1", "k2", "k3"), keys(capped));
        assertTrue(capped.more());
        // Each entry is 2 + 2 + 4 + 30 = 38 bytes: five would exceed the 200-byte limit, four fit.
        assertTrue(capped.encode().length() <= LIMITS.scanBytesMax());

        // Paging with startAfter visits every key exactly once.
        List<String> all = new ArrayList<>();
        String after = "";
        KvScanResult page;
        do {
            page = scan("k", after, 3);
            all.addAll(keys(page));
            after = all.get(all.size() - 1);
        } while (page.more());
        assertEquals(List.of("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9"), all);
    }

    @Test
    void scanStopsAtTheByteLimit() {
        KvService tight = new KvService(new KvLimits(8, 32, 100, 5 + 2 * 40));
        ServiceHarness harness = new ServiceHarness(tight, new ObjectStoreLimits(8, 256, 8));
        for (int i = 0; i < 5; i++) {
            harness.call(1, KvOperations.encode(new KvOperation.Put(text("k" + i), text("x".repeat(32)))));
        }
        ServiceResult result = harness.read(1, KvOperations.encode(new KvOperation.Scan(text("k"), Bytes.EMPTY, 100)));
        KvScanResult page = KvScanResult.decode(result.payload()).orElseThrow();
        assertEquals(List.of("k0", "k1"), keys(page));
        assertTrue(page.more());
    }

    @Test
    void bucketIsFnv1a64OfTheKey() {
        // Published FNV-1a 64-bit test vectors: "a" -> af63dc4c8601ec8c, "foobar" -> 85944171f73967e8.
        assertEquals(Long.remainderUnsigned(0xaf63dc4c8601ec8cL, 1000), KvService.bucketOf(text("a"), 1000));
        assertEquals(Long.remainderUnsigned(0x85944171f73967e8L, 4093), KvService.bucketOf(text("foobar"), 4093));
        assertEquals(0, KvService.bucketOf(text("anything"), 1));
    }

    @Test
    void limitsAreValidated() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new KvLimits(0, 1, 1, 100));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new KvLimits(8, 32, 4, 50));
        assertEquals(256, KvLimits.defaults().keyBytesMax());
    }

    @Test
    void replicasExecutingTheSameOperationsReachTheSameDigest() {
        ServiceHarness other = new ServiceHarness(service, new ObjectStoreLimits(8, 256, 8));
        for (ServiceHarness each : List.of(kv, other)) {
            for (int i = 0; i < 20; i++) {
                each.call(1, KvOperations.encode(new KvOperation.Put(text("key" + i), text("v" + i))));
            }
        }
        Digest digest = kv.store().checkpoint(kv.sequence());
        assertEquals(digest, other.store().checkpoint(other.sequence()));
        kv.store().checkInvariants();
    }

    private static List<String> keys(KvScanResult result) {
        return result.entries().stream()
                .map(entry -> new String(entry.key().toByteArray(), StandardCharsets.UTF_8)).toList();
    }
}
