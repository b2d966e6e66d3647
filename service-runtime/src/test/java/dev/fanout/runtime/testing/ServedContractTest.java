package dev.fanout.runtime.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.MethodDescriptor;
import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every Fanout service promises its users on its one port: the contract service, health and
 * documented reflection over gRPC; health and Prometheus metrics over HTTP. A service's test extends
 * it and is a {@code @QuarkusTest}, so RestAssured already points at the running app's port.
 */
public abstract class ServedContractTest extends ServedAppTest {

    protected ReflectionProbe grpcurl;

    /** The fanout.v1 service the app serves, e.g. fanout.v1.Compute. */
    protected abstract String contractService();

    /** A phrase of that service's comment in the .proto file. */
    protected abstract String commentExcerpt();

    /** The README's grpcurl call for the service, run through reflection alone. */
    protected abstract GrpcurlExample grpcurlExample();

    /**
     * A grpcurl call: {@code grpcurl -d REQUEST_JSON ADDRESS METHOD}, and a phrase of its JSON answer.
     * For a server-streaming method, the phrase must be in the last message.
     */
    public record GrpcurlExample(String method, String requestJson, String expectedInLastAnswer) {
    }

    @BeforeEach
    void connectGrpcurl() {
        grpcurl = new ReflectionProbe(channel);
    }

    @Test
    void reflectionListsTheContractHealthAndReflection() {
        assertTrue(grpcurl.listServices().containsAll(List.of(
                contractService(), "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection")),
                () -> "listed: " + grpcurl.listServices());
    }

    @Test
    void describeShowsTheCommentsOfTheServiceAndEveryMethod() {
        assertTrue(grpcurl.serviceComment(contractService()).contains(commentExcerpt()),
                () -> "service comment: " + grpcurl.serviceComment(contractService()));
        for (MethodDescriptor method : grpcurl.findService(contractService()).getMethods()) {
            String comment = grpcurl.methodComment(contractService() + "/" + method.getName());
            assertFalse(comment.isBlank(), method.getFullName() + " has no comment over reflection");
        }
    }

    @Test
    void aJsonCallBuiltFromReflectionAloneWorksAsGrpcurlWould() throws Exception {
        GrpcurlExample example = grpcurlExample();

        List<String> answers = grpcurl.call(example.method(), example.requestJson());

        assertFalse(answers.isEmpty(), example.method() + " answered nothing");
        String last = answers.get(answers.size() - 1);
        assertTrue(last.contains(example.expectedInLastAnswer()), () -> "last answer: " + last);
    }

    @Test
    void grpcHealthServesTheWholeServerAndTheContractService() {
        var health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        assertEquals(ServingStatus.SERVING, health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
        assertEquals(ServingStatus.SERVING,
                health.check(HealthCheckRequest.newBuilder().setService(contractService()).build()).getStatus());
    }

    @Test
    void httpHealthAndPrometheusMetricsAreServedOnTheSamePort() {
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("# TYPE jvm_"));
    }
}
