package dev.fanout.fetcher.origin;

import dev.fanout.fetcher.FetcherConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Mounts the simulated origin on this service's HTTP port when fanout.fetcher.origin.enabled=true. */
@ApplicationScoped
public class OriginRoutes {

    void install(@Observes Router router, FetcherConfig config, Vertx vertx) {
        if (config.origin().enabled()) {
            new SimulatedOrigin(vertx, config.origin().maxBodySize().asLongValue()).install(router);
        }
    }
}
