package org.bftee.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLoopOwnerTest {

    private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoop loop = group.next();
    private final List<String> trace = new ArrayList<>();

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5_000);
    }

    private void awaitLoop() throws InterruptedException {
        // Two rounds: a task queued by the last event (the flush) runs before the second one.
        for (int round = 0; round < 2; round++) {
            CountDownLatch drained = new CountDownLatch(1);
            loop.execute(drained::countDown);
            assertTrue(drained.await(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void eventsRunInOrderOnTheLoopAndOneFlushFollowsThem() throws Exception {
        EventLoopOwner owner = new EventLoopOwner("test", loop, 16, () -> trace.add("flush"));
        loop.execute(() -> {
            owner.execute(() -> trace.add("a"));
            owner.execute(() -> trace.add("b"));
            owner.execute(() -> trace.add(owner.inLoop() ? "c on the loop" : "c elsewhere"));
        });
        awaitLoop();

        assertEquals(List.of("a", "b", "c on the loop", "flush"), trace);
    }

    @Test
    void eventsFromOtherThreadsBeyondTheCapacityAreRefusedAndCounted() throws Exception {
        EventLoopOwner owner = new EventLoopOwner("test", loop, 2, () -> { });
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        });

        assertTrue(owner.offer(() -> trace.add("1")));
        assertTrue(owner.offer(() -> trace.add("2")));
        assertFalse(owner.offer(() -> trace.add("3")), "the third waiting event is one too many");
        release.countDown();
        awaitLoop();

        assertEquals(List.of("1", "2"), trace);
        assertEquals(1, owner.dropped());
        assertTrue(owner.offer(() -> trace.add("4")), "room again once the loop has run the others");
    }

    @Test
    void anEventThatThrowsStopsTheOwnerForGood() throws Exception {
        EventLoopOwner owner = new EventLoopOwner("test", loop, 16, () -> trace.add("flush"));
        owner.offer(() -> {
            throw new IllegalStateException("a bug in the state machine");
        });
        owner.offer(() -> trace.add("after the bug"));
        awaitLoop();

        assertNotNull(owner.failure());
        assertFalse(owner.isRunning());
        assertEquals(List.of(), trace, "nothing runs, nothing is flushed after the failure");
        assertFalse(owner.offer(() -> trace.add("later")));
    }
}
