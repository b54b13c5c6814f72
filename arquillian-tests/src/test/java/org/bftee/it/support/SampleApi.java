package org.bftee.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The sample application's REST API, as a test outside the server calls it. */
public final class SampleApi {

    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public SampleApi(String base) {
        this.base = base;
    }

    /** One answer: its HTTP status and body. */
    public record Answer(int status, String body) {

        /** A number field of the flat JSON body. */
        public long number(String field) {
            Matcher value = Pattern.compile("\"" + field + "\":(-?\\d+)").matcher(body);
            if (!value.find()) {
                throw new AssertionError("no number " + field + " in " + body);
            }
            return Long.parseLong(value.group(1));
        }
    }

    public Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(CALL_TIMEOUT).GET());
    }

    public Answer post(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(CALL_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Answer putText(String path, String text) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(CALL_TIMEOUT)
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString(text)));
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }
}
