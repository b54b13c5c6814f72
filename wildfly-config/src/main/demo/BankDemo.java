import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's workload, through the sample application's REST API: opens the accounts, runs random
 * transfers for a while, runs the given command (kill -9 of a replica server) in the middle of it,
 * audits the bank's invariant and prints a summary. Exits 1 if the invariant does not hold or an
 * operation failed; the command line is
 *
 * <pre>java BankDemo.java API_URL SECONDS KILL_AFTER_SECONDS COMMAND...</pre>
 *
 * A single source file run by {@code java} itself, so that the demo needs nothing but a JDK.
 */
public final class BankDemo {

    private static final int ACCOUNTS = 20;
    private static final int THREADS = 4;
    private static final long INITIAL_BALANCE = 1_000;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: java BankDemo.java API_URL SECONDS KILL_AFTER_SECONDS COMMAND...");
            System.exit(2);
        }
        String api = args[0];
        int seconds = Integer.parseInt(args[1]);
        int killAfter = Integer.parseInt(args[2]);
        List<String> kill = List.of(args).subList(3, args.length);
        long first = System.currentTimeMillis() % 1_000_000 * 100; // a fresh range of accounts per run

        String setUp = post(api + "/workload/bank/setup?first=" + first + "&count=" + ACCOUNTS
                + "&initial=" + INITIAL_BALANCE, Duration.ofMinutes(2));
        long expected = number(setUp, "expectedTotal");
        say("opened " + ACCOUNTS + " accounts with " + INITIAL_BALANCE + " each: the ledger must keep " + expected);

        say("running random transfers from " + THREADS + " threads for " + seconds + " s");
        CompletableFuture<HttpResponse<String>> run = HTTP.sendAsync(
                request(api + "/workload/bank/run?first=" + first + "&count=" + ACCOUNTS + "&threads=" + THREADS
                        + "&seconds=" + seconds, Duration.ofSeconds(seconds + 120)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(killAfter * 1_000L);
        say("after " + killAfter + " s: " + String.join(" ", kill));
        int killed = new ProcessBuilder(kill).inheritIO().start().waitFor();
        if (killed != 0) {
            say("the kill command failed with status " + killed);
        }
        String summary = checked(run.get());
        String audit = get(api + "/workload/bank/audit?first=" + first + "&count=" + ACCOUNTS + "&expected=" + expected);

        boolean holds = audit.contains("\"holds\":true");
        long failures = number(summary, "failures");
        System.out.println();
        System.out.println("== BFT-EE bank demo summary");
        System.out.printf("transfers acknowledged   %,d (%,d more refused by the ledger: they would overdraw)%n",
                number(summary, "operations"), number(summary, "refused"));
        System.out.printf("failed calls             %,d %s%n", failures, text(summary, "failuresByKind"));
        System.out.printf("latency median, p99      %,d us, %,d us%n", number(summary, "latencyMedianMicros"),
                number(summary, "latencyP99Micros"));
        System.out.printf("duration                 %.1f s, with a replica server killed after %d s%n",
                Double.parseDouble(text(summary, "seconds")), killAfter);
        System.out.printf("invariant                %s (balances sum %,d, ledger total %,d, expected %,d, accounts"
                        + " below zero %s)%n", holds ? "holds" : "BROKEN", number(audit, "balanceSum"),
                number(audit, "ledgerTotal"), number(audit, "expectedTotal"), text(audit, "negativeAccounts"));
        System.exit(holds && failures == 0 ? 0 : 1);
    }

    private static void say(String line) {
        System.out.println("bank demo: " + line);
    }

    private static HttpRequest.Builder request(String uri, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(timeout).header("Accept", "application/json");
    }

    private static String post(String uri, Duration timeout) throws IOException, InterruptedException {
        return checked(HTTP.send(request(uri, timeout).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    private static String get(String uri) throws IOException, InterruptedException {
        return checked(HTTP.send(request(uri, Duration.ofMinutes(2)).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static String checked(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    /** A number field of a flat JSON object; the API's answers are small and known, no parser needed. */
    private static long number(String json, String field) {
        Matcher value = Pattern.compile("\"" + field + "\":(-?\\d+)").matcher(json);
        if (!value.find()) {
            throw new IllegalStateException("no number " + field + " in " + json);
        }
        return Long.parseLong(value.group(1));
    }

    private static String text(String json, String field) {
        Matcher value = Pattern.compile("\"" + field + "\":(\\{[^}]*\\}|\\[[^\\]]*\\]|[^,}]*)").matcher(json);
        return value.find() ? value.group(1) : "?";
    }
}
