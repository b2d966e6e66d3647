package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedOutputStream;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * What the stop tests share: the services' own counters read over HTTP, the ways a call is ended
 * (SIGINT and SIGKILL to the packaged CLI, its --deadline, a cancel from a gRPC client), how long the
 * work took to stop, and the table of those times.
 */
final class StopProbe {

    /** The bound: every piece of work stops within a second of the signal, deadline or cancel. */
    static final Duration BOUND = Duration.ofSeconds(1);
    /** The CLI's --deadline in the deadline column. */
    static final Duration DEADLINE = Duration.ofSeconds(3);
    static final List<String> WAYS = List.of("SIGINT", "SIGKILL", "deadline", "cancel");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern KERNELS = Pattern.compile("(?m)^fanout_compute_kernels_running (\\S+)$");
    private static final Pattern STAT = Pattern.compile("\"(\\w+)\":(\\d+)");

    private StopProbe() {
    }

    static String get(String hostPort, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + hostPort + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** fanout_compute_kernels_running of one compute process, from its /q/metrics. */
    static int kernelsRunning(String hostPort) {
        Matcher m = KERNELS.matcher(get(hostPort, "/q/metrics"));
        assertTrue(m.find(), hostPort + " has no fanout_compute_kernels_running");
        return (int) Double.parseDouble(m.group(1));
    }

    /** The simulated origin's /origin/stats: started, inFlight, abandoned, ... */
    static Map<String, Long> originStats(String hostPort) {
        Map<String, Long> stats = new LinkedHashMap<>();
        Matcher m = STAT.matcher(get(hostPort, "/origin/stats"));
        while (m.find()) {
            stats.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return stats;
    }

    /** The sum of {@code count} over {@code hosts}, read at once (one slow reply does not delay the others' reading). */
    static int sumOf(List<String> hosts, java.util.function.ToIntFunction<String> count) {
        return hosts.parallelStream().mapToInt(count).sum();
    }

    /** Waits until {@code condition} holds, checking every 10 ms; fails after {@code limit}. Returns when it held (System.nanoTime). */
    static long await(BooleanSupplier condition, Duration limit, String what) {
        Awaitility.await(what).atMost(limit).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .until(condition::getAsBoolean);
        return System.nanoTime();
    }

    /**
     * Ends a running call the way a case names, {@code pause} after its work started: SIGINT or SIGKILL
     * to the packaged fanout, or the gRPC client's cancel; for "deadline", waits until {@code deadlineAt}
     * (System.nanoTime) passes. Returns when the call was ended (System.nanoTime).
     */
    static long end(String way, Process cli, ClientCall<byte[], byte[]> call, Duration pause, long deadlineAt)
            throws IOException, InterruptedException {
        if (way.equals("deadline")) {
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineAt - System.nanoTime())));
            return deadlineAt;
        }
        Thread.sleep(pause.toMillis());
        long since = System.nanoTime();
        switch (way) {
            case "SIGINT" -> interrupt(cli);
            case "SIGKILL" -> cli.destroyForcibly();
            case "cancel" -> call.cancel("the test cancels the call", null);
            default -> throw new IllegalArgumentException(way);
        }
        return since;
    }

    /**
     * fanout's own --deadline ({@code arguments} carry it): fanout exits with 4 when it passes, and the
     * work must be gone within {@link #BOUND} of that.
     */
    static void fanoutsDeadlineStopsTheWork(List<String> arguments, Path out, BooleanSupplier started, BooleanSupplier stopped,
            String what) throws IOException, InterruptedException {
        long before = System.nanoTime();
        Process timed = CliRun.start(arguments, out);
        await(started, Duration.ofSeconds(60), "the CLI's call starts");
        assertTrue(timed.waitFor(60, TimeUnit.SECONDS), "fanout exits at its deadline");
        long exited = System.nanoTime();
        assertEquals(4, timed.exitValue(), output(out));
        long after = TimeUnit.NANOSECONDS.toMillis(await(stopped, Duration.ofSeconds(30), "the CLI's call stops") - exited);
        assertTrue(after <= BOUND.toMillis(), what + " ran on for " + after + " ms after fanout's --deadline");
        assertTrue(TimeUnit.NANOSECONDS.toMillis(exited - before) >= DEADLINE.toMillis(), "fanout waited for its deadline");
    }

    /** Sends SIGINT, as Ctrl-C in a terminal does. */
    static void interrupt(Process process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -INT " + process.pid());
    }

    static String output(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A call made as any gRPC client makes it, to cancel it explicitly; messages are protobuf bytes. */
    static ClientCall<byte[], byte[]> startCall(Channel channel, String fullMethod, MethodDescriptor.MethodType type,
            byte[] request, Duration deadline) {
        MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(type).setFullMethodName(fullMethod)
                .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
        ClientCall<byte[], byte[]> call = channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS));
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onClose(Status status, Metadata trailers) {
                // The test ends the call; what it then says is not the point.
            }
        }, new Metadata());
        call.request(Integer.MAX_VALUE);
        call.sendMessage(request);
        call.halfClose();
        return call;
    }

    /** fanout.v1.SumOfSquaresRequest{end, mode}. */
    static byte[] sumOfSquaresRequest(long end, int mode) {
        return encode(out -> {
            out.writeInt64(2, end);
            out.writeEnum(3, mode);
        });
    }

    /** fanout.v1.FetchRequest{urls, mode, concurrency}. */
    static byte[] fetchRequest(List<String> urls, int mode, int concurrency) {
        return encode(out -> {
            for (String url : urls) {
                out.writeString(1, url);
            }
            out.writeEnum(2, mode);
            out.writeInt32(3, concurrency);
        });
    }

    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] encode(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            fields.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /** Lines of a service log that report an error: ERROR lines and stack trace lines. */
    static List<String> errorLines(String log) {
        List<String> errors = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (line.contains(" ERROR ") || line.startsWith("\tat ") || line.matches("^\\S+(Exception|Error)(: .*)?$")) {
                errors.add(line);
            }
        }
        return errors;
    }

    /** Mode x way -> milliseconds until the work stopped; printed and written to target/stop-times-SERVICE.txt. */
    static final class Times {
        private final String service;
        private final Map<String, Map<String, Long>> millis = new LinkedHashMap<>();

        Times(String service) {
            this.service = service;
        }

        synchronized void record(String mode, String way, long ms) {
            millis.computeIfAbsent(mode, m -> new LinkedHashMap<>()).put(way, ms);
        }

        synchronized String table() {
            StringBuilder table = new StringBuilder(String.format("%-16s", service + ": ms until stopped"));
            WAYS.forEach(way -> table.append(String.format("%10s", way)));
            table.append('\n');
            millis.forEach((mode, row) -> {
                table.append(String.format("%-16s", mode));
                WAYS.forEach(way -> table.append(String.format("%10s", row.containsKey(way) ? row.get(way) : "-")));
                table.append('\n');
            });
            return table.toString();
        }

        void write() throws IOException {
            String table = table();
            System.out.print(table);
            Files.writeString(Kustomize.DEPLOY.resolve("target/stop-times-" + service + ".txt"), table);
        }
    }
}
