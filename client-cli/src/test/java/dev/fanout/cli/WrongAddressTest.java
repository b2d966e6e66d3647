package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.fanout.cli.client.Service;

/**
 * Addresses that answer, but not as the service asked for: the other Fanout service (its server
 * reflection says which), and a server that does not speak gRPC at all. Each is exit 3 and one line
 * that names the address and the option to fix.
 */
@CliTest
class WrongAddressTest {
    @RegisterExtension
    static final FakeServices computeOnly = new FakeServices(Service.COMPUTE);
    @RegisterExtension
    static final FakeServices fetcherOnly = new FakeServices(Service.FETCHER);

    /**
     * A plain HTTP/1.x server: it reads what the client sends, answers 200 and a line of text, and
     * hangs up once the client does (reading first, as servers do: closing with unread input would
     * reset the connection and drop the answer).
     */
    static ServerSocket http1;
    static Thread http1Loop;

    @BeforeAll
    static void startHttp1() throws IOException {
        http1 = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        http1Loop = Thread.ofVirtual().start(() -> {
            while (!http1.isClosed()) {
                try (Socket s = http1.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    s.setSoTimeout(10_000);
                    in.read(new byte[4096]);
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n\r\nhello\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    in.transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    // closed by stopHttp1, or a client that went away: either way, on to the next or out
                }
            }
        });
    }

    @AfterAll
    static void stopHttp1() throws Exception {
        http1.close();
        http1Loop.join(5_000);
    }

    private static String http1Address() {
        return "127.0.0.1:" + http1.getLocalPort();
    }

    @Test
    void computeAtTheFetchersAddressSaysWhichServiceAnswers(Launcher launcher) {
        String fetcher = fetcherOnly.address();
        String error = Cli.oneLineError(launcher.launch("compute", "--end", "10", "--compute", fetcher), 3);
        assertEquals("fanout: " + fetcher + " is a Fanout fetcher-service, not compute-service: "
                + "use --compute HOST:PORT of compute-service (or FANOUT_COMPUTE)", error);
    }

    @Test
    void fetchAtTheComputeAddressSaysWhichServiceAnswersAndPrintsNoTable(Launcher launcher) {
        String compute = computeOnly.address();
        LaunchResult result = launcher.launch("fetch", "--url", "http://127.0.0.1:9/", "--fetcher", compute);
        assertEquals("fanout: " + compute + " is a Fanout compute-service, not fetcher-service: "
                + "use --fetcher HOST:PORT of fetcher-service (or FANOUT_FETCHER)", Cli.oneLineError(result, 3));
        assertEquals("", result.getOutput(), "no table header before the error");
    }

    @Test
    void benchWithTheAddressesSwappedStopsInsteadOfSkippingEveryMode(Launcher launcher) {
        String error = Cli.oneLineError(launcher.launch("bench", "--only", "compute", "--overhead-calls", "0",
                "--compute", fetcherOnly.address()), 3);
        assertTrue(error.contains(" is a Fanout fetcher-service, not compute-service"), error);
    }

    @Test
    void aModeTheRightServiceCannotRunIsStillReportedAsSuch(Launcher launcher) {
        // UNIMPLEMENTED from a fetcher that lists fanout.v1.Fetcher: the mode, not the address.
        String error = Cli.oneLineError(launcher.launch("fetch", "--mode", "pods", "--url", "http://127.0.0.1:9/",
                "--fetcher", fetcherOnly.address()), 3);
        assertTrue(error.contains("cannot do this (UNIMPLEMENTED): FETCH_MODE_PODS is not implemented yet"), error);
    }

    @Test
    void anHttp1ServerIsNotAGrpcServer(Launcher launcher) {
        String error = Cli.oneLineError(launcher.launch("compute", "--end", "10", "--compute", http1Address()), 3);
        assertEquals("fanout: " + http1Address() + " is not a gRPC server (its first answer was not HTTP/2; add --tls if it "
                + "serves TLS): use --compute HOST:PORT of compute-service (or FANOUT_COMPUTE)", error);
        LaunchResult fetch = launcher.launch("fetch", "--url", "http://127.0.0.1:9/", "--fetcher", http1Address());
        assertTrue(Cli.oneLineError(fetch, 3).contains(http1Address() + " is not a gRPC server"), fetch.getErrorOutput());
        assertEquals("", fetch.getOutput(), "no table header before the error");
    }

    @Test
    void aRefusedConnectionPrintsNoTableHeader(Launcher launcher) {
        LaunchResult result = launcher.launch("fetch", "--url", "http://127.0.0.1:9/", "--fetcher", "127.0.0.1:" + ClosedPort.find());
        assertTrue(Cli.oneLineError(result, 3).contains("is unavailable (Connection refused)"), result.getErrorOutput());
        assertEquals("", result.getOutput());
    }
}
