package dev.fanout.fetcher;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.fanout.fetcher.origin.SimulatedOrigin;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The simulated origin on its own Vert.x server (127.0.0.1, a free port), for tests without Quarkus. */
public final class StandaloneOrigin implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;

    /** The default cap of fanout.fetcher.origin.max-body-size: 1 GiB. */
    public static final long MAX_BODY_SIZE = 1L << 30;

    public StandaloneOrigin() throws Exception {
        Router router = Router.router(vertx);
        new SimulatedOrigin(vertx, MAX_BODY_SIZE).install(router);
        this.server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public int port() {
        return server.actualPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + "/origin" + path;
    }

    /** A counter of /origin/stats: inFlight, started or abandoned responses. */
    public long stat(String name) {
        return given().baseUri("http://127.0.0.1").port(port()).get("/origin/stats")
                .then().statusCode(200).extract().jsonPath().getLong(name);
    }

    /** Waits up to {@code within} for every response to end or be closed; fails naming what is still in flight. */
    public void awaitIdle(Duration within) {
        await("responses in flight at the origin").atMost(within).pollInterval(Duration.ofMillis(20))
                .until(() -> stat("inFlight"), inFlight -> inFlight == 0);
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
