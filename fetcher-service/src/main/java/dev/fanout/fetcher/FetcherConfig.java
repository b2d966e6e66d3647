package dev.fanout.fetcher;

import dev.fanout.runtime.pods.PodsConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Limits, client settings and deployment wiring of the fetcher; every property is under {@code fanout.fetcher}. */
@ConfigMapping(prefix = "fanout.fetcher")
public interface FetcherConfig {

    /** Most URLs one Fetch call may carry. */
    @WithDefault("10000")
    int maxUrls();

    /** Largest {@code concurrency} a call may ask for. */
    @WithDefault("1000")
    int maxConcurrency();

    /** Concurrency of a call that leaves it at 0. */
    @WithDefault("100")
    int defaultConcurrency();

    /** Per-URL total time of a call that leaves {@code timeout} unset. */
    @WithDefault("10s")
    Duration defaultTimeout();

    /** Largest per-URL timeout a call may ask for. */
    @WithDefault("60s")
    Duration maxTimeout();

    /**
     * Wall time of one whole Fetch call, whatever its deadline: URLs not finished by then are stopped
     * and reported as FETCH_ERROR_TIMEOUT, the summary follows, and the call ends DEADLINE_EXCEEDED
     * with the ErrorInfo reason CALL_TIME_CAP.
     */
    @WithDefault("10m")
    Duration maxCallDuration();

    /**
     * The process-wide budget of downloads in flight ({@code fanout.fetcher.admission.*}): beyond it a
     * call waits its turn, first come first served, or is refused RESOURCE_EXHAUSTED naming the setting.
     */
    Admission admission();

    /** Time allowed to open a TCP (and TLS) connection, within the per-URL timeout. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Body bytes read per URL; past it reading stops with FETCH_ERROR_BODY_TOO_LARGE. */
    @WithDefault("64M")
    MemorySize maxBodySize();

    /** Redirects followed per URL; one more is FETCH_ERROR_TOO_MANY_REDIRECTS. */
    @WithDefault("5")
    int maxRedirects();

    /**
     * Pooled keep-alive connections per origin (host and port), in each client: the blocking client's
     * pool, and each event loop's pool of the reactive client (a reactive call runs on one loop).
     */
    @WithDefault("200")
    int maxConnectionsPerHost();

    /** Retries of transient failures (connect, I/O, HTTP 502/503/504); off by default. */
    Retry retry();

    /**
     * CIDRs that are fetched even though they are loopback, private, link-local or otherwise
     * internal (e.g. 127.0.0.0/8 for a local demo). Empty by default: every internal target is denied.
     */
    Optional<List<String>> allowedNetworks();

    /**
     * Fetchers of FETCH_MODE_PODS: a gRPC target {@code dns:///name:port} (a headless Service) or a
     * comma-separated {@code host:port} list. Unset: PODS mode is unavailable.
     */
    Optional<String> peers();

    /** FETCH_MODE_PODS. */
    Pods pods();

    /** Name put in each result's fetched_by; defaults to $HOSTNAME (the pod name on Kubernetes). */
    Optional<String> instanceName();

    /** The built-in simulated origin (slow test sites on this service's HTTP port). */
    Origin origin();

    interface Admission {
        /**
         * Downloads at once in this process, over every call in every mode but PODS (a PODS peer's
         * shards count here, where they are fetched). A call reserves its concurrency (at most one
         * per URL) and runs with no more than this. 500 is the concurrency a pod's fetcher is
         * benchmarked at within deploy/'s 512 MiB limit (bench-fetch.sh pod: 238 MiB peak RSS),
         * leaving the rest of the limit for THREADS' thread stacks and the calls' URL lists.
         */
        @WithDefault("500")
        int downloads();

        /**
         * Downloads at once that PODS calls coordinated here spread over the peers. A budget of its
         * own, so a coordinator's call never waits for downloads its own shards need when this
         * fetcher is one of its peers. 1500 is what deploy/'s production overlay's three fetchers
         * take at once (3 x downloads); more would only queue at the peers.
         */
        @WithDefault("1500")
        int podsDownloads();

        /**
         * Calls that may wait for room at once; one more is refused at once. A waiting call holds its
         * URL list (about 2 MiB for 10 000 URLs of 100 characters), so 32 stay within a quarter of a pod's heap.
         */
        @WithDefault("32")
        int maxWaiting();

        /**
         * Longest a call waits for room, never past its deadline; then RESOURCE_EXHAUSTED. Long enough
         * to ride out a burst, short enough that a client without a deadline hears to back off.
         */
        @WithDefault("10s")
        Duration maxWait();
    }

    interface Retry {
        /** Retries after the first attempt; 0 turns retrying off. */
        @WithDefault("0")
        int maxRetries();

        /** Ceiling of the wait before the first retry (jittered: from half of it); doubled for each further one. */
        @WithDefault("100ms")
        Duration backoff();
    }

    /** The shared PODS settings: fanout.fetcher.pods.{max-attempts, backoff, in-flight-per-worker, ...}. */
    interface Pods extends PodsConfig {
    }

    interface Origin {
        /** Serves /origin/** on this service's HTTP port. */
        @WithDefault("false")
        boolean enabled();

        /** Largest body /origin/delay/{ms}/bytes/{n} generates; a larger n is answered 400. */
        @WithDefault("1G")
        MemorySize maxBodySize();
    }
}
