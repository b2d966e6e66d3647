package dev.fanout.runtime.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.restassured.RestAssured;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A {@code @QuarkusTest} that calls the running app as its users do, on its one port: a gRPC
 * {@link #channel} of its own for each test, and the app's HTTP URLs.
 *
 * <p>The port is read in instance methods: under {@code @QuarkusTest} the instance is loaded by
 * Quarkus's class loader, whose RestAssured is the one that points at the app (the port is random).
 */
public abstract class ServedAppTest {

    protected ManagedChannel channel;

    @BeforeEach
    void openChannel() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", RestAssured.port).usePlaintext().build();
    }

    @AfterEach
    void closeChannel() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** The app's http URL of {@code path}, which starts with a slash. */
    protected String url(String path) {
        return "http://127.0.0.1:" + RestAssured.port + path;
    }

    /** Health answers over gRPC and HTTP: the pod probes ask it, and a pod that is only busy must not look dead. */
    protected void assertHealthAnswers() {
        assertEquals(ServingStatus.SERVING, HealthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance()).getStatus());
        given().get("/q/health").then().statusCode(200);
    }
}
