package org.bftee.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadMainTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return LoadMain.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), LoadTargetFactories.standard());
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheOptionsWorkloadsAndTargets() {
        assertEquals(LoadMain.EXIT_OK, run("--help"));

        String help = out.toString(StandardCharsets.UTF_8);
        for (String expected : List.of("--workload", "--clients", "--rate", "--warmup", "--duration", "--runs", "--csv",
                "--charts-dir", "--label", "--target", "kv-mix", "0/4K", "echo", "--echo-delay-micros")) {
            assertTrue(help.contains(expected), "help lacks " + expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--frobnicate 3                       | unknown option --frobnicate",
        "--clients                            | option --clients needs a value",
        "--clients 1,x                        | option --clients: 'x' is not a whole number",
        "--clients 0                          | option --clients must be between 1 and 1024, got 0",
        "--clients 1,,4                       | option --clients: '' is not a whole number",
        "--rate 100 --clients 4               | --clients (closed loop) and --rate (open loop) exclude each other",
        "--open-clients 4                     | option --open-clients applies to the open loop; give --rate too",
        "--rate 0                             | option --rate must be between 1 and 1000000, got 0",
        "--warmup 5x                          | option --warmup: '5x' is not a duration",
        "--duration 0                         | option --duration must be between 1ms and 86400s, got 0",
        "--runs 0                             | option --runs must be between 1 and 100, got 0",
        "--workload 0/0,8K/0                  | unknown workload '8K/0'; the workloads are [0/0, ro-0/0, 4K/0, 0/4K, kv-mix]",
        "--target bft                         | unknown target 'bft'; the targets are [echo, local, unreplicated]",
        "--runs 1 --runs 2                    | option --runs is given twice",
        "--echo-delay-micros 1.5              | option --echo-delay-micros: '1.5' is not a whole number",
        "--echo-delay-micros=-1               | option --echo-delay-micros must be between 0 and 10000000, got -1",
        "--label a,b                          | option --label: 'a,b' holds a comma or a quote",
        "stray                                | unexpected argument 'stray'; options start with --",
    })
    void badOptionsAreRejectedWithAClearMessage(String args, String message) {
        int status = run(args.strip().split(" +"));

        assertEquals(LoadMain.EXIT_USAGE, status, err());
        assertTrue(err().contains("load: " + message), err());
        assertTrue(err().contains("run with --help for the options"), err());
    }

    @Test
    void anOptionOfAnotherTargetIsNamedAsSuch() {
        TargetProvider other = TargetProvider.of("another", Map.of("other-config", "a file"), options -> {
            throw new AssertionError("not opened");
        });
        LoadTargetFactories targets = LoadTargetFactories.standard().register("other", other);

        int status = LoadMain.run(List.of("--other-config", "x"), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8), targets);

        assertEquals(LoadMain.EXIT_USAGE, status);
        assertTrue(err().contains("option --other-config belongs to target other, not echo"), err());
    }

    @Test
    void aTargetMayOnlyRegisterOptionsUnderItsName() {
        TargetProvider clashing = TargetProvider.of("clashing", Map.of("duration", "steals the tool's option"),
                options -> {
                    throw new AssertionError("not opened");
                });

        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> LoadTargetFactories.standard().register("bft", clashing));
        assertTrue(failure.getMessage().contains("does not start with 'bft-'"), failure.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LoadTargetFactories.standard().register("echo", clashing));
    }

    @Test
    void runsEveryPointAgainstTheEchoTargetAndWritesCsvAndCharts() throws Exception {
        Path csv = directory.resolve("results.csv");
        Path charts = directory.resolve("charts");

        int status = run("--workload", "0/0,0/4K", "--clients", "1,2", "--warmup", "0", "--duration", "200ms",
                "--runs", "2", "--echo-delay-micros", "500", "--label", "n=4", "--csv", csv.toString(),
                "--charts-dir", charts.toString());

        assertEquals(LoadMain.EXIT_OK, status, err());
        List<ResultRow> rows = ResultsCsv.read(csv);
        assertEquals(List.of("0/0 1", "0/0 2", "0/4K 1", "0/4K 2"),
                rows.stream().map(row -> row.workload() + " " + row.load()).toList());
        for (ResultRow row : rows) {
            assertEquals("n=4", row.label());
            assertEquals("closed", row.mode());
            assertEquals(2, row.runs());
            assertEquals(0, row.errors());
            assertTrue(row.throughput() > 0, row.toString());
        }
        assertEquals(4, Files.list(charts).count());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("0/4K n=4 closed 2: "));
    }

    @Test
    void anOpenLoopPointIsARate() throws Exception {
        Path csv = directory.resolve("open.csv");

        int status = run("--workload", "ro-0/0", "--rate", "500", "--open-clients", "2", "--outstanding-max", "50",
                "--warmup", "0", "--duration", "300ms", "--csv", csv.toString());

        assertEquals(LoadMain.EXIT_OK, status, err());
        ResultRow row = ResultsCsv.read(csv).get(0);
        assertEquals("open", row.mode());
        assertEquals(500, row.load());
        assertEquals("echo", row.label());
    }

    @Test
    void aFailedSetupIsAFailureNotAUsageError() {
        LoadTargetFactories targets = LoadTargetFactories.standard().register("broken",
                TargetProvider.of("fails everything", Map.of(), options -> clientIndex -> TestTargets.failingEvery(1)));

        int status = LoadMain.run(List.of("--target", "broken", "--workload", "kv-mix", "--duration", "1ms"),
                System.out, new PrintStream(err, true, StandardCharsets.UTF_8), targets);

        assertEquals(LoadMain.EXIT_FAILURE, status);
        assertTrue(err().contains("setup operation 0 of workload kv-mix failed"), err());
    }
}
