package dev.fanout.cli.bench;

import java.util.List;
import java.util.Map;

/**
 * --preset tutorial: the experiment of the classic Python concurrency tutorial (threads vs asyncio vs
 * multiprocessing, downloading a list of sites, then a CPU-bound loop over range(100000000)), replayed
 * on the fetcher's simulated origin: 20 URLs alternating a ~10 kB page (jython.org, 10394 B) and a
 * 277 B one (olympus.realpython.org/dice), 0.5 s each, so sequential takes ~10 s as the tutorial's
 * did; threads with 5 workers as its ThreadPoolExecutor(max_workers=5); and range(100000000). Its
 * Python timings are shown beside the modes that play the same models here.
 */
public final class TutorialPreset {
    public static final int URL_PAIRS = 10;
    public static final int DELAY_MS = 500;
    public static final int BIG_BYTES = 10394;
    public static final int SMALL_BYTES = 277;
    public static final int CONCURRENCY = 5;
    public static final long RANGE_END = 100_000_000L;

    /** The tutorial's Python timings (seconds) beside the mode that plays the same model here, and what they were. */
    public static final PythonTimings PYTHON = new PythonTimings(
            Map.of("single", 11.48, // one process, one thread
                    "cores", 3.58), // ProcessPoolExecutor over 8 CPUs
            // Python threads on the CPU-bound range: the GIL serialises them; Java's threads are the cores mode.
            List.of("Python with 4 threads took 11.18 s on the range (the GIL runs one at a time)."),
            Map.of("sequential", 10.0, // requests, one after another
                    "threads", 6.1, // ThreadPoolExecutor(max_workers=5)
                    "reactive", 6.8, // asyncio + aiohttp
                    "pods", 9.6), // ProcessPoolExecutor: more processes
            List.of("Python beside each mode (the tutorial, real sites over the internet): sequential = requests, "
                    + "threads = ThreadPoolExecutor(5), reactive = asyncio + aiohttp, pods = ProcessPoolExecutor."));

    private TutorialPreset() {
    }
}
