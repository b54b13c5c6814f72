package org.bftee.runtime.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.bftee.core.codec.WireLimits;
import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.message.Bytes;
import org.bftee.core.service.ServiceResult;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.core.service.kv.KvOperation;
import org.bftee.core.service.kv.KvOperations;
import org.bftee.core.service.kv.KvService;
import org.bftee.core.state.ObjectStoreLimits;
import org.bftee.runtime.launch.LocalGroup;
import org.bftee.runtime.net.NettyTransport;
import org.bftee.runtime.net.TransportSettings;
import org.junit.jupiter.api.Test;

/**
 * A session that runs only on threads its caller hands in, as a resource adapter's are: the
 * transport's event loops and the session's owner loop are tasks of one executor, and every one of
 * them has ended once the session and the transport are closed.
 */
class ClientThreadsTest {

    @Test
    void aSessionOnTheCallersThreadsWorksAndGivesThemAllBack() throws Exception {
        LocalGroup group = LocalGroup.start(1, 1, ProtocolLimits.defaults(), ProtocolTimeouts.defaults(),
                replica -> new KvService(KvLimits.defaults()), ObjectStoreLimits.defaults());
        ThreadPoolExecutor threads = (ThreadPoolExecutor) Executors.newCachedThreadPool();
        try {
            NettyTransport transport = new NettyTransport(TransportSettings.defaults(
                    WireLimits.forGroup(group.config().limits(), group.config().n())).withIoThreads(2), threads);
            try (BftClient client = BftClient.connectOn(new ClientThreads(transport, transport.timers(), threads),
                    group.config(), LocalGroup.FIRST_CLIENT, group.clientKeys(0), BftClientOptions.defaults())) {
                client.invoke(KvOperations.encode(new KvOperation.Put(text("k"), text("v"))), false);
                Bytes read = client.invoke(KvOperations.encode(new KvOperation.Get(text("k"))), true);
                assertEquals(ServiceResult.ok(text("v")), read);
                // Two event loops at least (the first dials wake them) and the owner loop.
                assertTrue(threads.getActiveCount() >= 2, "active tasks: " + threads.getActiveCount());
            } finally {
                transport.close();
            }
            awaitNoActiveTask(threads);
        } finally {
            threads.shutdownNow();
            group.close();
        }
    }

    private static void awaitNoActiveTask(ThreadPoolExecutor threads) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (threads.getActiveCount() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertEquals(0, threads.getActiveCount(), "tasks still running after the session and transport closed");
    }

    private static Bytes text(String value) {
        return Bytes.wrap(value.getBytes(StandardCharsets.UTF_8));
    }
}
