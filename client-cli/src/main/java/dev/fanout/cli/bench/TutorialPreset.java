package dev.fanout.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The experiment of the concurrency tutorial (../shared/seed/concurrency-tutorial.md), replayed on
 * the fetcher's simulated origin: 20 URLs alternating a ~10 kB page (jython.org, 10394 B) and a
 * 277 B one (olympus.realpython.org/dice), 0.5 s each, so sequential takes ~10 s as the tutorial's
 * did; threads with 5 workers as its ThreadPoolExecutor(max_workers=5); and range(100000000).
 */
public final class TutorialPreset {
    public static final int URL_PAIRS = 10;
    public static final int DELAY_MS = 500;
    public static final int BIG_BYTES = 10394;
    public static final int SMALL_BYTES = 277;
    public static final int CONCURRENCY = 5;
    public static final long RANGE_END = 100_000_000L;

    /** The tutorial's Python timings (seconds) beside the mode that plays the same model here. */
    public static final Map<String, Double> FETCH_PYTHON_S = Map.of(
            "sequential", 10.0, // requests, one after another
            "threads", 6.1, // ThreadPoolExecutor(max_workers=5)
            "reactive", 6.8, // asyncio + aiohttp
            "pods", 9.6); // ProcessPoolExecutor: more processes
    public static final Map<String, Double> COMPUTE_PYTHON_S = Map.of(
            "single", 11.48, // one process, one thread
            "cores", 3.58); // ProcessPoolExecutor over 8 CPUs
    /** Python threads on the CPU-bound range: the GIL serialises them; Java's threads are the cores mode. */
    public static final String COMPUTE_PYTHON_NOTE = "Python with 4 threads took 11.18 s on the range (the GIL runs one at a time).";

    private TutorialPreset() {
    }

    /** The tutorial's site list, [big, small] * 10, each URL answering after {@code delayMs}. */
    public static List<String> urls(String originBase, long delayMs) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < URL_PAIRS; i++) {
            urls.add(originBase + "/delay/" + delayMs + "/bytes/" + BIG_BYTES);
            urls.add(originBase + "/delay/" + delayMs + "/bytes/" + SMALL_BYTES);
        }
        return urls;
    }
}
