import dev.fanout.v1.FetchEvent;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.FetchSummary;
import dev.fanout.v1.FetcherGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The bench's gRPC client: one Fetch call per repeat, timed from sending the request to the summary.
 * Usage: java -cp 'quarkus-app/app/*:quarkus-app/lib/main/*' FetchBenchClient.java
 *          HOST:PORT MODE CONCURRENCY URL_FILE REPEATS|warm+REPEATS|settle [SERVICE_PID [ORIGIN_PID]]
 * Prints one line per call: seconds, ok, failed, bytes, the first result's digest, this client's
 * own CPU seconds for the call, and, given the fetcher's process id, the fetcher's CPU seconds over
 * the call, and given the origin's, the origin's (the bench splits a workload's CPU between the
 * processes, per call and per URL).
 *
 * <p>{@code warm+REPEATS} first makes the same call, unprinted, until this client's own JIT compilers
 * are done with it (see {@link #warmUp}), then the REPEATS timed calls.
 *
 * <p>{@code settle} (with SERVICE_PID) calls until the fetcher's JIT compilers are done with the
 * workload, then prints a last line with the calls it took and the fetcher's CPU over them: a fresh
 * JVM spends seconds of CPU compiling the hot paths over its first tens of thousands of URLs, in
 * steps (seen: REACTIVE's calls at 0.2-0.4 s of CPU for twenty calls, then 0.07 s at once), and a
 * service that runs for days is measured after that, not during it.
 */
public class FetchBenchClient {

    public static void main(String[] args) throws Exception {
        String[] hostPort = args[0].split(":");
        FetchMode mode = FetchMode.valueOf("FETCH_MODE_" + args[1]);
        int concurrency = Integer.parseInt(args[2]);
        List<String> urls = Files.readAllLines(Path.of(args[3])).stream().filter(line -> !line.isBlank()).toList();
        boolean settle = args[4].equals("settle");
        boolean warm = args[4].startsWith("warm+");
        int repeats = settle ? SETTLE_MAX_CALLS : Integer.parseInt(warm ? args[4].substring("warm+".length()) : args[4]);
        ProcessHandle service = args.length > 5 ? ProcessHandle.of(Long.parseLong(args[5])).orElseThrow() : null;
        ProcessHandle origin = args.length > 6 ? ProcessHandle.of(Long.parseLong(args[6])).orElseThrow() : null;
        ManagedChannel channel = ManagedChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1]))
                .usePlaintext().maxInboundMessageSize(16 * 1024 * 1024).build();
        FetchRequest request = FetchRequest.newBuilder().addAllUrls(urls).setMode(mode).setConcurrency(concurrency)
                .setTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(60)).build();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        if (warm) {
            warmUp(channel, request);
        }
        List<Double> serviceCpus = new ArrayList<>();
        List<Long> compiling = new ArrayList<>();
        for (int run = 0; run < repeats && !(settle && settled(compiling)); run++) {
            long start = System.nanoTime();
            long cpuStart = os.getProcessCpuTime();
            long serviceStart = cpuNanos(service);
            long originStart = cpuNanos(origin);
            Results results = call(channel, request);
            FetchSummary summary = results.summary.join();
            String digest = results.digest;
            String error = results.error;
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
            double callsServiceCpu = (cpuNanos(service) - serviceStart) / 1e9;
            double callsOriginCpu = (cpuNanos(origin) - originStart) / 1e9;
            serviceCpus.add(callsServiceCpu);
            if (settle) {
                compiling.add(compilerNanos(service));
            }
            String otherProcessesCpu = (service == null ? "" : String.format(" service_cpu=%.3f", callsServiceCpu))
                    + (origin == null ? "" : String.format(" origin_cpu=%.3f", callsOriginCpu));
            System.out.printf("seconds=%.3f ok=%d failed=%d bytes=%d sha256=%s cpu=%.3f%s%s%n", seconds, summary.getOk(),
                    summary.getFailed(), summary.getBytes(), digest, cpu, otherProcessesCpu, error.isEmpty() ? "" : " first_error=" + error);
        }
        if (settle) {
            System.out.printf("settled after %d calls: service_cpu_total=%.3f%n", serviceCpus.size(),
                    serviceCpus.stream().mapToDouble(Double::doubleValue).sum());
        }
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** One Fetch call, its events taken on the channel's thread (see {@link Results}). */
    private static Results call(ManagedChannel channel, FetchRequest request) {
        Results results = new Results();
        FetcherGrpc.newStub(channel).withExecutor(Runnable::run).withDeadlineAfter(10, TimeUnit.MINUTES)
                .fetch(request, results);
        return results;
    }

    /**
     * Calls until this JVM's JIT compilers are done with the call, so that the timed calls that follow
     * measure the fetcher, not this client's warm-up: a fresh client runs its per-result path
     * interpreted at first, and its C2 compiles take CPU from the two cores the fetcher and the origin
     * share (seen: 0.17 s of this client's CPU on its second call of 1000 URLs, 0.03 s once warm).
     * Done when two calls in a row added at most {@link #WARM_COMPILING_MS} of compiling each (it
     * comes in steps: seen 135, 61, 68, 25, 156, 57, 13, 28, 59, 14, 15, 4, 4 ms over the first calls of
     * 1000 URLs), or after {@link #WARM_MAX_CALLS} calls or {@link #WARM_MAX_NANOS}, whichever comes first.
     */
    private static void warmUp(ManagedChannel channel, FetchRequest request) {
        var compiler = ManagementFactory.getCompilationMXBean();
        long deadline = System.nanoTime() + WARM_MAX_NANOS;
        long compiled = compiler.getTotalCompilationTime();
        int quiet = 0;
        for (int calls = 0; quiet < 2 && calls < WARM_MAX_CALLS && System.nanoTime() < deadline; calls++) {
            call(channel, request).summary.join();
            long before = compiled;
            compiled = compiler.getTotalCompilationTime();
            quiet = compiled - before <= WARM_COMPILING_MS ? quiet + 1 : 0;
        }
    }

    private static final int WARM_MAX_CALLS = 30;
    private static final long WARM_COMPILING_MS = 10;
    private static final long WARM_MAX_NANOS = TimeUnit.SECONDS.toNanos(20);

    private static final int SETTLE_MIN_CALLS = 10;
    private static final int SETTLE_MAX_CALLS = 100;
    /** Calls in a row during which the compilers may spend at most {@link #SETTLED_COMPILING} of CPU. */
    private static final int SETTLE_WINDOW = 5;
    private static final long SETTLED_COMPILING = TimeUnit.MILLISECONDS.toNanos(50);

    /** The compilers' CPU after each call so far: settled when the last calls barely moved it. */
    private static boolean settled(List<Long> compiling) {
        int n = compiling.size();
        return n >= SETTLE_MIN_CALLS && compiling.get(n - 1) - compiling.get(n - 1 - SETTLE_WINDOW) <= SETTLED_COMPILING;
    }

    /** The CPU so far of the process's JIT compiler threads (C1 and C2), from /proc. */
    private static long compilerNanos(ProcessHandle process) throws IOException {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                        String stat = Files.readString(task.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    }
                } catch (IOException gone) {
                    // a compiler thread the JVM retired meanwhile
                }
            }
        }
        return ticks * TimeUnit.SECONDS.toNanos(1) / 100; // USER_HZ, 100 on Linux
    }

    /** The process's user + system CPU so far (Linux counts it in clock ticks, 10 ms). */
    private static long cpuNanos(ProcessHandle process) {
        return process == null ? 0 : process.info().totalCpuDuration().orElseThrow().toNanos();
    }

    /**
     * One call's events, taken on the channel's own thread as they are read (a direct executor). The
     * blocking stub's iterator hands each result over two more threads, a wake-up each: on 2 cores that
     * client cost as much CPU per result as the fetcher, and delayed each wave of results by as much.
     */
    private static final class Results implements StreamObserver<FetchEvent> {
        final CompletableFuture<FetchSummary> summary = new CompletableFuture<>();
        String digest = "";
        String error = "";

        @Override
        public void onNext(FetchEvent event) {
            if (event.hasSummary()) {
                summary.complete(event.getSummary());
            } else if (digest.isEmpty()) {
                digest = event.getResult().getSha256();
                error = event.getResult().getErrorMessage();
            }
        }

        @Override
        public void onError(Throwable failure) {
            summary.completeExceptionally(failure);
        }

        @Override
        public void onCompleted() {
            summary.completeExceptionally(Status.INTERNAL.withDescription("the stream ended without a summary").asRuntimeException());
        }
    }
}
