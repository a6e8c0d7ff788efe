package io.rootfleet.model.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Sends JSON POSTs to one webhook URL from a background thread. {@link #send} only queues (bounded; when the queue
 * is full the event is dropped with a warning) and never throws for the endpoint's sake; each POST has a timeout
 * and is retried a few times with a growing pause on a connection error, a timeout, 408, 429 or 5xx. {@link
 * #close(Duration)} is the final flush: it waits at most the given time for the queued events, then gives up on the
 * rest. Every failure is one warning line to the given sink; the URL's query and user info (where webhook tokens
 * live) are never printed.
 *
 * <p>One notifier per campaign: events are posted in the order they were sent.
 */
public final class Notifier implements AutoCloseable {
    /** The defaults: 5 s per attempt, 3 attempts, 0.5 s before the first retry (doubling), 100 queued events. */
    public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(5), 3, Duration.ofMillis(500), 100);

    /** How hard to try: per attempt timeout, attempts per event, the pause before the first retry, queue size. */
    public record Settings(Duration timeout, int attempts, Duration backoff, int queueSize) {
        public Settings {
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(backoff, "backoff");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the notification timeout must be positive, not " + timeout);
            }
            if (attempts < 1) {
                throw new IllegalArgumentException("a notification needs at least 1 attempt, not " + attempts);
            }
            if (queueSize < 1) {
                throw new IllegalArgumentException("the notification queue needs room for 1 event, not " + queueSize);
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final Object STOP = new Object();

    private final URI url;
    private final Settings settings;
    private final Consumer<String> warnings;
    private final HttpClient client;
    private final BlockingQueue<Object> queue;
    private final Thread worker;
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile boolean closed;

    private Notifier(URI url, Settings settings, Consumer<String> warnings) {
        this.url = url;
        this.settings = settings;
        this.warnings = warnings;
        this.client = url == null ? null : HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.queue = new ArrayBlockingQueue<>(settings.queueSize() + 1); // + 1: room for STOP
        if (url == null) {
            this.worker = null;
        } else {
            this.worker = new Thread(this::run, "rootfleet-notify");
            this.worker.setDaemon(true);
            this.worker.start();
        }
    }

    /**
     * A notifier posting to {@code url} (http or https).
     *
     * @param warnings where each failure goes, one line each (e.g. stderr's println)
     * @throws IllegalArgumentException for a URL that is not an absolute http(s) URL with a host
     */
    public static Notifier to(URI url, Settings settings, Consumer<String> warnings) {
        Objects.requireNonNull(url, "url");
        validate(url);
        return new Notifier(url, Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(warnings, "warnings"));
    }

    /** {@link #to(URI, Settings, Consumer)} with {@link #DEFAULTS}. */
    public static Notifier to(URI url, Consumer<String> warnings) {
        return to(url, DEFAULTS, warnings);
    }

    /** A notifier that sends nothing (no {@code --notify}). */
    public static Notifier none() {
        return new Notifier(null, DEFAULTS, line -> {});
    }

    /**
     * Checks a {@code --notify} value; the message names what is wrong and what is wanted.
     *
     * @throws IllegalArgumentException when it is not an absolute http or https URL with a host
     */
    public static URI parseUrl(String text) {
        URI url;
        try {
            url = new URI(text.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL (" + e.getReason()
                    + "); give an http:// or https:// URL such as https://hooks.example.org/rootfleet");
        }
        validate(url);
        return url;
    }

    private static void validate(URI url) {
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || url.getHost() == null) {
            throw new IllegalArgumentException("'" + redact(url) + "' is not an http:// or https:// URL with a host;"
                    + " give one such as https://hooks.example.org/rootfleet");
        }
    }

    /** Whether this notifier posts anywhere. */
    public boolean enabled() {
        return url != null;
    }

    /**
     * Queues {@code payload} (a record, map or anything Jackson writes) as one JSON POST. Serialises now, so later
     * changes to the payload do not matter. Never blocks and never throws for the endpoint's sake.
     */
    public void send(Object payload) {
        if (url == null) {
            return;
        }
        if (closed) {
            warn("not sent after the final flush: " + describe(payload));
            return;
        }
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            warn("could not write the event as JSON (" + e.getOriginalMessage() + ")");
            failed.incrementAndGet();
            return;
        }
        if (queue.size() >= settings.queueSize() || !queue.offer(body)) {
            failed.incrementAndGet();
            warn("queue full (" + settings.queueSize() + " events waiting), dropped " + describe(payload));
        }
    }

    /** Events posted successfully so far. */
    public int delivered() {
        return delivered.get();
    }

    /** Events given up on so far (failed after every attempt, dropped, or left at the final flush). */
    public int failed() {
        return failed.get();
    }

    /**
     * The final flush: waits at most {@code deadline} for the queued events to be posted, then stops trying (one
     * warning names how many were left). Idempotent.
     *
     * @return true when every queued event was handled (posted or given up on after its attempts) in time
     */
    public boolean close(Duration deadline) {
        if (url == null) {
            return true;
        }
        if (!closed) {
            closed = true;
            queue.offer(STOP); // the + 1 of the capacity keeps room for it
        }
        try {
            worker.join(Math.max(1, deadline.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!worker.isAlive()) {
            return true;
        }
        worker.interrupt();
        int left = (int) queue.stream().filter(item -> item != STOP).count();
        queue.clear();
        failed.addAndGet(left + 1); // the one being posted, too
        warn("gave up at the final flush after " + deadline.toMillis() + " ms; " + (left + 1)
                + " event(s) not delivered");
        return false;
    }

    /** {@link #close(Duration)} with twice the per attempt timeout. */
    @Override
    public void close() {
        close(settings.timeout().multipliedBy(2));
    }

    private void run() {
        try {
            while (true) {
                Object item = queue.take();
                if (item == STOP) {
                    return;
                }
                post((byte[]) item);
            }
        } catch (InterruptedException e) {
            // close(deadline) gave up; it counted and reported what was left
        }
    }

    private void post(byte[] body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "rootfleet")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        Duration pause = settings.backoff();
        String last = "";
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            try {
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    delivered.incrementAndGet();
                    return;
                }
                last = "HTTP " + status;
                if (status != 408 && status != 429 && status < 500) {
                    break; // the endpoint refuses this event; asking again will not help
                }
            } catch (java.net.http.HttpTimeoutException e) {
                last = "no answer within " + settings.timeout().toMillis() + " ms";
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (attempt < settings.attempts()) {
                TimeUnit.MILLISECONDS.sleep(pause.toMillis());
                pause = pause.multipliedBy(2);
            }
        }
        failed.incrementAndGet();
        warn("event not delivered (" + last + ") after " + settings.attempts() + " attempt(s): "
                + new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8).replaceAll("[\\r\\n]", " "));
    }

    private void warn(String text) {
        try {
            warnings.accept("warning: notify " + redact(url) + ": " + text);
        } catch (RuntimeException ignored) {
            // a broken sink must not fail the campaign either
        }
    }

    private static String describe(Object payload) {
        String text = String.valueOf(payload);
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }

    /** The URL without user info, query or fragment: webhook tokens often live there. */
    static String redact(URI url) {
        if (url == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        if (url.getScheme() != null) {
            text.append(url.getScheme()).append("://");
        }
        if (url.getHost() != null) {
            text.append(url.getHost());
            if (url.getPort() >= 0) {
                text.append(':').append(url.getPort());
            }
        }
        if (url.getRawPath() != null) {
            text.append(url.getRawPath());
        }
        if (url.getRawQuery() != null) {
            text.append("?...");
        }
        return text.toString();
    }
}
