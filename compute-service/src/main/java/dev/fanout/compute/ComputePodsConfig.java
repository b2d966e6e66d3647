package dev.fanout.compute;

import dev.fanout.runtime.pods.PodsConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code fanout.compute.pods.*}: the shared PODS settings, and how many parts a request gets when it leaves parts at 0. */
@ConfigMapping(prefix = "fanout.compute.pods")
public interface ComputePodsConfig extends PodsConfig {

    @WithDefault("32")
    int defaultParts();
}
