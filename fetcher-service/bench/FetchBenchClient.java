import dev.fanout.v1.FetchEvent;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.FetchSummary;
import dev.fanout.v1.FetcherGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The bench's gRPC client: one Fetch call per repeat, timed from sending the request to the summary.
 * Usage: java -cp 'quarkus-app/app/*:quarkus-app/lib/main/*' FetchBenchClient.java
 *          HOST:PORT MODE CONCURRENCY URL_FILE REPEATS
 * Prints one line per call: seconds, ok, failed, bytes, the first result's digest, and this client's
 * own CPU seconds for the call (the bench splits a CPU-bound workload's time between the processes).
 */
public class FetchBenchClient {

    public static void main(String[] args) throws Exception {
        String[] hostPort = args[0].split(":");
        FetchMode mode = FetchMode.valueOf("FETCH_MODE_" + args[1]);
        int concurrency = Integer.parseInt(args[2]);
        List<String> urls = Files.readAllLines(Path.of(args[3])).stream().filter(line -> !line.isBlank()).toList();
        int repeats = Integer.parseInt(args[4]);
        ManagedChannel channel = ManagedChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1]))
                .usePlaintext().maxInboundMessageSize(16 * 1024 * 1024).build();
        FetchRequest request = FetchRequest.newBuilder().addAllUrls(urls).setMode(mode).setConcurrency(concurrency)
                .setTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(60)).build();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int run = 0; run < repeats; run++) {
            long start = System.nanoTime();
            long cpuStart = os.getProcessCpuTime();
            Iterator<FetchEvent> events = FetcherGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.MINUTES)
                    .fetch(request);
            String digest = "";
            String error = "";
            FetchSummary summary = null;
            while (events.hasNext()) {
                FetchEvent event = events.next();
                if (event.hasSummary()) {
                    summary = event.getSummary();
                } else if (digest.isEmpty()) {
                    digest = event.getResult().getSha256();
                    error = event.getResult().getErrorMessage();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
            System.out.printf("seconds=%.3f ok=%d failed=%d bytes=%d sha256=%s cpu=%.3f%s%n", seconds, summary.getOk(),
                    summary.getFailed(), summary.getBytes(), digest, cpu, error.isEmpty() ? "" : " first_error=" + error);
        }
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
