package dev.fanout.fetcher;

import static io.restassured.RestAssured.given;

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

    /** Waits up to {@code within} for every response to end or be closed; returns what is still in flight. */
    public long awaitIdle(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (stat("inFlight") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return stat("inFlight");
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
