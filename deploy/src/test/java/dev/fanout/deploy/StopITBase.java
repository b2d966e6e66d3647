package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ClientCall;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.provider.Arguments;

/**
 * What the stop tests of both services share: the services started once per class as packaged JVMs
 * (peers found through one host name, as through a headless Service), a gRPC channel to the one they
 * call, a call started and ended each way ({@link StopProbe#WAYS}), the table of stop times, and the
 * two checks that need no service knowledge: calls whose deadline passes on arrival end quietly, and
 * no service logs an ERROR or a stack trace for a stopped call. Each service's test says how to start
 * its services, what a call is, and how to tell its work runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class StopITBase {

    private final String service;
    private final String target;
    private final String method;
    private final MethodDescriptor.MethodType type;
    private final String peersName;
    private final List<String> peers;
    private final Map<String, Integer> modes;
    private final StopProbe.Times times;
    private final List<ServiceProcess> services = new ArrayList<>();
    protected Path dir;
    private ManagedChannel channel;

    /**
     * {@code service} names the run (target/SERVICE-stop-it); calls go to {@code target}'s {@code method};
     * the hosts file maps {@code peersName} to {@code peers}; {@code modes} are the contract's value of each
     * mode by its label, in the order the cases run.
     */
    StopITBase(String service, String target, String method, MethodDescriptor.MethodType type, String peersName,
            List<String> peers, Map<String, Integer> modes) {
        this.service = service;
        this.target = target;
        this.method = method;
        this.type = type;
        this.peersName = peersName;
        this.peers = peers;
        this.modes = modes;
        this.times = new StopProbe.Times(service);
    }

    /** Launches the services (in start order) into {@code started}; {@code hosts} maps the peers' name. */
    protected abstract void launch(Path hosts, List<ServiceProcess> started) throws IOException;

    /** The request of a long call in {@code mode}, as protobuf bytes. */
    protected abstract byte[] request(int mode);

    /** True when none of the services runs any of the calls' work. */
    protected abstract boolean idle();

    @BeforeAll
    void startTheServices() throws IOException {
        dir = Kustomize.DEPLOY.resolve("target/" + service + "-stop-it");
        Files.createDirectories(dir);
        Path hosts = dir.resolve("hosts");
        StringBuilder lines = new StringBuilder("127.0.0.1 localhost\n");
        peers.forEach(peer -> lines.append(peer).append(' ').append(peersName).append('\n'));
        Files.writeString(hosts, lines);
        launch(hosts, services);
        services.forEach(ServiceProcess::awaitStarted);
        channel = Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
    }

    @AfterAll
    void stopTheServices() throws IOException, InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        services.forEach(ServiceProcess::close);
        times.write();
    }

    Stream<Arguments> cases() {
        return modes.keySet().stream().flatMap(mode -> StopProbe.WAYS.stream().map(way -> Arguments.of(mode, way)));
    }

    /** A call in flight, started the way a case names; {@code deadlineAt} is when a "deadline" call's deadline passes. */
    record Call(String way, Process cli, ClientCall<byte[], byte[]> grpc, long deadlineAt) {
    }

    /**
     * Starts a long call in {@code mode}: by the packaged fanout with {@code cliArguments} (SIGINT,
     * SIGKILL), or by a gRPC client of our own (cancel, deadline), which knows to the millisecond when
     * its deadline passes. Its output goes to {@code out}.
     */
    Call start(String mode, String way, List<String> cliArguments, Path out) throws IOException {
        long deadlineAt = System.nanoTime() + StopProbe.DEADLINE.toNanos();
        if (way.equals("cancel") || way.equals("deadline")) {
            return new Call(way, null, StopProbe.startCall(channel, method, type, request(modes.get(mode)),
                    way.equals("deadline") ? StopProbe.DEADLINE : Duration.ofMinutes(2)), deadlineAt);
        }
        return new Call(way, CliRun.start(cliArguments, out), null, deadlineAt);
    }

    /** Ends {@code call} its way, {@code pause} after its work started; returns when it was ended (System.nanoTime). */
    long end(Call call, Duration pause) throws IOException, InterruptedException {
        return StopProbe.end(call.way(), call.cli(), call.grpc(), pause, call.deadlineAt());
    }

    /** Records how long the work ran on after {@code since}, and holds it to the bound. */
    void recordStop(String mode, String way, long since, long stopped, String what) {
        long ms = Math.max(0, TimeUnit.NANOSECONDS.toMillis(stopped - since));
        times.record(mode, way, ms);
        assertTrue(ms <= StopProbe.BOUND.toMillis(), mode + " ended by " + way + ": " + what + " ran on for " + ms + " ms");
    }

    /** fanout, when the case ran it, exits as the signal says: 130 with one line for SIGINT, 137 for SIGKILL. */
    static void assertFanoutEnded(Call call, Path out) throws InterruptedException {
        if (call.cli() == null) {
            return;
        }
        assertTrue(call.cli().waitFor(30, TimeUnit.SECONDS), "fanout exits");
        if (call.way().equals("SIGINT")) {
            String output = StopProbe.output(out);
            assertEquals(130, call.cli().exitValue(), output);
            assertTrue(output.endsWith("fanout: cancelled\n") && output.indexOf("fanout:") == output.lastIndexOf("fanout:"),
                    "one line on stderr: " + output);
        } else {
            assertEquals(137, call.cli().exitValue());
        }
    }

    /** Deadlines of 1 to 20 ms, in every mode: most pass before or as the call arrives. */
    @Test
    @Order(1)
    void callsWhoseDeadlinePassesOnArrivalEndQuietly() throws InterruptedException {
        for (int mode : modes.values()) {
            for (int ms = 1; ms <= 20; ms++) {
                StopProbe.startCall(channel, method, type, request(mode), Duration.ofMillis(ms));
            }
        }
        Thread.sleep(1000);
        StopProbe.await(this::idle, StopProbe.BOUND, "nothing runs for calls that ended at once");
    }

    @Test
    @Order(2)
    void noServiceLogsAnErrorForAStoppedCall() {
        for (ServiceProcess started : services) {
            assertEquals(List.of(), StopProbe.errorLines(started.logText()), started.logText());
        }
    }
}
