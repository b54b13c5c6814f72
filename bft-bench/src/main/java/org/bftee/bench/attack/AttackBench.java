package org.bftee.bench.attack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.bftee.core.config.ProtocolLimits;
import org.bftee.core.config.ProtocolTimeouts;
import org.bftee.core.message.Bytes;
import org.bftee.core.message.MessageType;
import org.bftee.core.service.kv.KvLimits;
import org.bftee.core.service.kv.KvOperation;
import org.bftee.core.service.kv.KvOperations;
import org.bftee.core.service.kv.KvService;
import org.bftee.core.state.ObjectStoreLimits;
import org.bftee.runtime.client.BftClient;
import org.bftee.runtime.client.BftClientOptions;
import org.bftee.runtime.driver.ReplicaDriver;
import org.bftee.runtime.driver.ReplicaFaults;
import org.bftee.runtime.driver.ReplicaStatus;
import org.bftee.runtime.launch.LocalGroup;

/**
 * The attack benchmark of issue 9 (Clement et al., NSDI 2009): for each attack, a fresh group of four
 * replicas in this process (LocalGroup, f = 1, Netty on loopback, default limits and timeouts) under a
 * closed-loop load of null operations (a read-write get of an absent key); the throughput of a window
 * without the attack, then of a window of the same length from the moment the attack starts, and their
 * ratio. Figures only: nothing is asserted. Rows go to standard output and, with {@code --csv}, to a file.
 *
 * <pre>
 * java -cp bft-bench/target/benchmarks.jar org.bftee.bench.attack.AttackBench [--attacks a,b,..]
 *     [--warmup-seconds 3] [--window-seconds 10] [--sessions 4] [--lanes 8] [--csv docs/bench/attacks.csv]
 * </pre>
 */
public final class AttackBench {

    private static final System.Logger LOG = System.getLogger(AttackBench.class.getName());


    /** Every attack, in the order of the issue. */
    static final List<String> ATTACKS = List.of("partial-auth", "malformed-flood", "replica-flood", "replica-flood-stale",
            "slow-primary", "silent-state", "restart-only", "flood-sink");

    private final int warmupSeconds;
    private final int windowSeconds;
    private final int sessions;
    private final int lanes;
    private final int partialAuthRate;
    private final int clientFloodRate;
    private final int replicaFloodRate;

    private AttackBench(Args args) {
        this.warmupSeconds = args.number("--warmup-seconds", 3);
        this.windowSeconds = args.number("--window-seconds", 10);
        this.sessions = args.number("--sessions", 4);
        this.lanes = args.number("--lanes", 8);
        this.partialAuthRate = args.number("--partial-auth-rate", 100);
        this.clientFloodRate = args.number("--client-flood-rate", 2_000);
        this.replicaFloodRate = args.number("--replica-flood-rate", 20_000);
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        AttackBench bench = new AttackBench(args);
        List<String> attacks = args.list("--attacks", ATTACKS);
        String csv = args.text("--csv", null);
        List<String> rows = new ArrayList<>();
        rows.add("attack,run,offered,baseline_ops_per_s,attack_ops_per_s,ratio,view_changes,notes");
        System.out.println(rows.get(0));
        bench.warmJit(args.number("--jit-warmup-seconds", 8));
        int runs = args.number("--runs", 1);
        for (String attack : attacks) {
            List<double[]> figures = new ArrayList<>();
            String offered = bench.offered(attack);
            for (int run = 1; run <= runs; run++) {
                Result result = bench.run(attack);
                figures.add(new double[] {result.baseline(), result.underAttack(), result.underAttack() / result.baseline()});
                String row = String.format(Locale.ROOT, "%s,%d,%s,%.0f,%.0f,%.2f,%d,%s", attack, run, offered,
                        result.baseline(), result.underAttack(), result.underAttack() / result.baseline(),
                        result.viewChanges(), result.notes());
                rows.add(row);
                System.out.println(row);
            }
            if (runs > 1) {
                String row = String.format(Locale.ROOT, "%s,median,%s,%.0f,%.0f,%.2f,,median of %d runs (each column apart)",
                        attack, offered, median(figures, 0), median(figures, 1), median(figures, 2), runs);
                rows.add(row);
                System.out.println(row);
            }
        }
        if (csv != null) {
            Path path = Path.of(csv);
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Files.write(path, rows);
        }
        System.exit(0);
    }

    /** A group under load and no attack for a while, thrown away: the first attack's baseline then runs compiled code. */
    private void warmJit(int seconds) throws Exception {
        try (LocalGroup group = LocalGroup.start(1, sessions, ProtocolLimits.defaults(), ProtocolTimeouts.defaults(),
                replica -> new KvService(KvLimits.defaults()), ObjectStoreLimits.defaults());
             Load load = new Load(group, sessions, lanes)) {
            load.start();
            sleepSeconds(seconds);
        }
    }

    /** One run's figures. */
    private record Result(double baseline, double underAttack, long viewChanges, String notes) {
    }

    private static double median(List<double[]> figures, int column) {
        double[] values = figures.stream().mapToDouble(row -> row[column]).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    private Result run(String attack) throws Exception {
        int attackerIndex = sessions;
        try (LocalGroup group = LocalGroup.start(1, sessions + 1, ProtocolLimits.defaults(), ProtocolTimeouts.defaults(),
                replica -> new KvService(KvLimits.defaults()), ObjectStoreLimits.defaults());
             Load load = new Load(group, sessions, lanes)) {
            load.start();
            sleepSeconds(warmupSeconds);
            long baselineStart = load.completed();
            sleepSeconds(windowSeconds);
            double baseline = (load.completed() - baselineStart) / (double) windowSeconds;
            long viewsBefore = view(group);
            long attackStart = load.completed();
            StringBuilder notes = new StringBuilder();
            AutoCloseable running = startAttack(attack, group, attackerIndex, notes);
            double underAttack;
            long views;
            try {
                sleepSeconds(windowSeconds);
                underAttack = (load.completed() - attackStart) / (double) windowSeconds;
                views = view(group) - viewsBefore;
            } finally {
                running.close();
            }
            afterWindow(attack, group, notes);
            notes.append(" failures ").append(load.failures());
            return new Result(baseline, underAttack, views, notes.toString().trim().replace(',', ';'));
        }
    }

    private String offered(String attack) {
        return switch (attack) {
            case "partial-auth" -> partialAuthRate + " requests/s";
            case "malformed-flood" -> clientFloodRate + " frames/s";
            case "replica-flood" -> replicaFloodRate + " frames/s (stale; forged MACs; random bytes)";
            case "replica-flood-stale" -> replicaFloodRate + " frames/s (stale; forged MACs)";
            case "slow-primary" -> "pre-prepares delayed 90% of the view-change timeout";
            case "silent-state" -> "replica 2 restarted empty; replica 3 answers no fetch";
            case "restart-only" -> "control: replica 2 restarted empty; every replica correct";
            case "flood-sink" -> "control: the malformed flood at " + clientFloodRate + " frames/s into a local sink";
            default -> "";
        };
    }

    private AutoCloseable startAttack(String attack, LocalGroup group, int attackerIndex, StringBuilder notes)
            throws Exception {
        return switch (attack) {
            case "partial-auth" -> partialAuth(group, attackerIndex, notes);
            case "malformed-flood" -> {
                MalformedFlood flood = new MalformedFlood(group.config(), LocalGroup.FIRST_CLIENT + attackerIndex,
                        clientFloodRate);
                flood.start();
                yield () -> {
                    flood.close();
                    notes.append("frames sent ").append(flood.framesSent()).append(" reconnections ")
                            .append(flood.reconnects());
                };
            }
            case "replica-flood", "replica-flood-stale" -> {
                long stable = group.replica(0).status().lowWaterMark();
                ReplicaFlood flood = new ReplicaFlood(group.replica(3).faults(), 3, group.config().n(), stable,
                        group.config().limits().checkpointInterval(), replicaFloodRate, attack.equals("replica-flood"));
                flood.start();
                yield () -> {
                    flood.close();
                    notes.append("frames sent ").append(flood.sent());
                };
            }
            case "slow-primary" -> {
                long delay = group.config().timeouts().viewChange().toMillis() * 9 / 10;
                // The primary of the moment delays its pre-prepares; once replaced it is an honest backup.
                for (int id = 0; id < group.config().n(); id++) {
                    int replica = id;
                    ReplicaDriver driver = group.replica(id);
                    driver.faults().outbound((receiver, message) -> message.type() == MessageType.PRE_PREPARE
                            && replica == 0 ? delay : ReplicaFaults.OutboundRule.NOW);
                }
                yield () -> group.replica(0).faults().outbound(null);
            }
            case "flood-sink" -> {
                Sink sink = new Sink();
                MalformedFlood flood = new MalformedFlood(group.config(), LocalGroup.FIRST_CLIENT + attackerIndex,
                        clientFloodRate, sink.port());
                flood.start();
                yield () -> {
                    flood.close();
                    sink.close();
                    notes.append("frames sent ").append(flood.framesSent());
                };
            }
            case "silent-state", "restart-only" -> {
                if (attack.equals("silent-state")) {
                    group.replica(3).faults().outbound((receiver, message) -> switch (message.type()) {
                        case META_DATA, DATA, META_DATA_DIGEST -> ReplicaFaults.OutboundRule.DROP;
                        default -> ReplicaFaults.OutboundRule.NOW;
                    });
                }
                group.killReplica(2);
                group.startReplica(2);
                long started = System.nanoTime();
                AtomicBoolean done = new AtomicBoolean();
                Thread watcher = new Thread(() -> {
                    while (!done.get()) {
                        ReplicaStatus two = group.replica(2).status();
                        ReplicaStatus zero = group.replica(0).status();
                        if (two.checkpointsFetched() > 0 && two.lastExecuted() >= zero.lowWaterMark()) {
                            notes.append("replica 2 caught up after ").append((System.nanoTime() - started) / 1_000_000)
                                    .append(" ms");
                            return;
                        }
                        sleepMillis(20);
                    }
                    notes.append("replica 2 had not caught up");
                }, "attack-watch");
                watcher.setDaemon(true);
                watcher.start();
                yield () -> {
                    done.set(true);
                    watcher.join(1_000);
                    group.replica(3).faults().outbound(null);
                };
            }
            default -> throw new IllegalArgumentException("unknown attack " + attack + "; known: " + ATTACKS);
        };
    }

    private AutoCloseable partialAuth(LocalGroup group, int attackerIndex, StringBuilder notes) throws Exception {
        PartialAuthClient client = new PartialAuthClient(group.config(), LocalGroup.FIRST_CLIENT + attackerIndex,
                group.clientKeys(attackerIndex), () -> (int) (view(group) % group.config().n()));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!client.keyedWithAll() && System.nanoTime() < deadline) {
            client.announceKeys();
            sleepMillis(100);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sender = new Thread(() -> {
            long intervalNanos = 1_000_000_000L / partialAuthRate;
            long next = System.nanoTime();
            int lane = 0;
            while (running.get()) {
                client.sendOne(lane);
                lane = (lane + 1) % group.config().limits().lanesPerClientMax();
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
        }, "attack-partial-auth");
        sender.setDaemon(true);
        sender.start();
        return () -> {
            running.set(false);
            sender.join(5_000);
            client.close();
            notes.append("requests sent ").append(client.sent());
        };
    }

    private void afterWindow(String attack, LocalGroup group, StringBuilder notes) {
        ReplicaDriver zero = group.replica(0);
        var dropped = zero.rejections().messagesDropped();
        var unauthenticated = zero.rejections().framesUnauthenticated();
        notes.append(" | replica 0 dropped");
        dropped.forEach((reason, count) -> {
            if (count > 0) {
                notes.append(' ').append(reason).append(' ').append(count);
            }
        });
        unauthenticated.forEach((reason, count) -> {
            if (count > 0) {
                notes.append(' ').append(reason).append(' ').append(count);
            }
        });
        notes.append(" |");
        for (int id = 0; id < group.config().n(); id++) {
            ReplicaDriver replica = group.replica(id);
            if (replica != null) {
                ReplicaStatus status = replica.status();
                notes.append(" r").append(id).append(" view ").append(status.view())
                        .append(status.viewActive() ? "" : " changing").append(" executed ").append(status.lastExecuted());
                LOG.log(System.Logger.Level.INFO, "[attack " + attack + "] replica " + id + ": " + replica.countersSummary());
            }
        }
    }

    private static long view(LocalGroup group) {
        long view = 0;
        for (int id = 0; id < group.config().n(); id++) {
            ReplicaDriver replica = group.replica(id);
            if (replica != null) {
                view = Math.max(view, replica.status().view());
            }
        }
        return view;
    }

    private static void sleepSeconds(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1_000L);
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A local server that reads and discards whatever reaches it: the target of the {@code flood-sink}
     * control, which shows what generating the flood costs this machine when no replica receives it.
     */
    private static final class Sink implements AutoCloseable {
        private final java.net.ServerSocket server;
        private final Thread acceptor;

        Sink() throws IOException {
            server = new java.net.ServerSocket(0, 64, java.net.InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        java.net.Socket socket = server.accept();
                        Thread reader = new Thread(() -> {
                            byte[] buffer = new byte[64 * 1024];
                            try (socket) {
                                while (socket.getInputStream().read(buffer) >= 0) {
                                    // discard
                                }
                            } catch (IOException gone) {
                                // The flood closed it.
                            }
                        }, "attack-sink-reader");
                        reader.setDaemon(true);
                        reader.start();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "attack-sink");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** Closed-loop load: {@code sessions} client sessions of {@code lanes} lanes, a thread per lane. */
    private static final class Load implements AutoCloseable {

        private final List<BftClient> clients = new ArrayList<>();
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final LongAdder completed = new LongAdder();
        private final LongAdder failures = new LongAdder();

        Load(LocalGroup group, int sessions, int lanes) throws Exception {
            BftClientOptions options = BftClientOptions.defaults().withLanes(lanes).withCallTimeout(Duration.ofSeconds(30));
            for (int session = 0; session < sessions; session++) {
                clients.add(group.connectClient(session, options));
            }
            Bytes operation = KvOperations.encode(new KvOperation.Get(Bytes.wrap(new byte[] {'k'})));
            for (BftClient client : clients) {
                for (int lane = 0; lane < lanes; lane++) {
                    Thread thread = new Thread(() -> {
                        while (running.get()) {
                            try {
                                client.invoke(operation, false);
                                completed.increment();
                            } catch (Exception failed) {
                                failures.increment();
                            }
                        }
                    }, "load");
                    thread.setDaemon(true);
                    threads.add(thread);
                }
            }
        }

        void start() {
            threads.forEach(Thread::start);
        }

        long completed() {
            return completed.sum();
        }

        long failures() {
            return failures.sum();
        }

        @Override
        public void close() {
            running.set(false);
        }
    }

    /** {@code --name value} options. */
    private static final class Args {
        private final String[] argv;

        Args(String[] argv) {
            this.argv = argv;
        }

        String text(String name, String fallback) {
            for (int i = 0; i + 1 < argv.length; i++) {
                if (argv[i].equals(name)) {
                    return argv[i + 1];
                }
            }
            return fallback;
        }

        int number(String name, int fallback) {
            String value = text(name, null);
            return value == null ? fallback : Integer.parseInt(value);
        }

        List<String> list(String name, List<String> fallback) {
            String value = text(name, null);
            return value == null ? fallback : List.of(value.split(","));
        }
    }
}
