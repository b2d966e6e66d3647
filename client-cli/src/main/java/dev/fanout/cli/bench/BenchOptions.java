package dev.fanout.cli.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import dev.fanout.cli.CliFailure;
import dev.fanout.cli.ExitCodes;
import dev.fanout.cli.options.BenchMode;
import dev.fanout.cli.options.BenchService;
import dev.fanout.cli.options.ComputeAddress;
import dev.fanout.cli.options.DeadlineOption;
import dev.fanout.cli.options.DurationConverter;
import dev.fanout.cli.options.FetcherAddress;
import dev.fanout.cli.options.OptionRange;
import dev.fanout.cli.options.Preset;
import dev.fanout.cli.options.TlsOptions;
import dev.fanout.cli.options.UrlSource;
import dev.fanout.cli.render.BenchOutput;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** bench's options, as given: the first stage of a bench, which {@link BenchPlan#of} turns into a plan. */
public final class BenchOptions {

    @Option(names = "--preset", paramLabel = "NAME", converter = Preset.Choices.class, completionCandidates = Preset.Choices.class,
            description = "One of: ${COMPLETION-CANDIDATES}. tutorial: the concurrency tutorial's experiment (20 URLs of "
                    + "10394 B and 277 B at 0.5 s each, concurrency 5, range(100000000)) with its Python timings beside. "
                    + "Options given explicitly still win.")
    Preset preset;

    @Option(names = "--only", paramLabel = "SERVICE", converter = BenchService.Choices.class,
            completionCandidates = BenchService.Choices.class, description = "Bench one service only: ${COMPLETION-CANDIDATES}.")
    BenchService only;

    @Option(names = "--modes", split = ",", paramLabel = "MODE", converter = BenchMode.Choices.class,
            completionCandidates = BenchMode.Choices.class,
            description = "Modes to run, comma-separated, of: ${COMPLETION-CANDIDATES} (default all; the baseline always runs).")
    List<BenchMode> modes;

    @Option(names = "--warmup", defaultValue = "1", paramLabel = "N", description = "Warm-up runs per mode (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repeat", defaultValue = "3", paramLabel = "N", description = "Measured runs per mode (default ${DEFAULT-VALUE}).")
    int repeat;

    @Mixin
    UrlSource urls;

    @Option(names = "--url-count", defaultValue = "20", paramLabel = "N",
            description = "Simulated-origin URLs when no --url/--urls-file is given (default ${DEFAULT-VALUE}).")
    int urlCount;

    @Option(names = "--delay", defaultValue = "100ms", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Latency of each simulated-origin URL (default ${DEFAULT-VALUE}).")
    Duration delay;

    @Option(names = "--bytes", defaultValue = "10000", paramLabel = "N", description = "Body size of each simulated-origin URL (default ${DEFAULT-VALUE}).")
    int bytes;

    @Option(names = "--origin", paramLabel = "URL",
            description = "Base URL of the simulated origin, as the fetcher reaches it (default http://FETCHER/origin).")
    String origin;

    @Option(names = "--concurrency", defaultValue = "10", split = ",", paramLabel = "N",
            description = "Fetch concurrency (default ${DEFAULT-VALUE}); a comma list (1,2,5,10,20,50) sweeps it: every fetch mode "
                    + "at each value, speedup against the value beside the ideal.")
    List<Integer> concurrency;

    @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Per-URL timeout (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--start", defaultValue = "0", paramLabel = "S", description = "Compute range start, inclusive (default ${DEFAULT-VALUE}).")
    long start;

    @Option(names = "--end", defaultValue = "1000000000", paramLabel = "E", description = "Compute range end, exclusive (default ${DEFAULT-VALUE}).")
    long end;

    @Option(names = "--parts", defaultValue = "0", split = ",", paramLabel = "N",
            description = "Compute parts; 0 lets the service choose (default). A comma list of counts of 1 or more (1,2,4,8) "
                    + "sweeps it: every compute mode at each value.")
    List<Integer> parts;

    @Option(names = "--overhead-calls", defaultValue = "200", paramLabel = "N",
            description = "Tiny compute calls to measure the client's overhead per call; 0 skips (default ${DEFAULT-VALUE}).")
    int overheadCalls;

    @ArgGroup(exclusive = true)
    Format format = new Format();

    static final class Format {
        @Option(names = "--json", description = "Print one JSON object instead of tables.")
        boolean json;

        @Option(names = "--csv", description = "Print CSV instead of tables.")
        boolean csv;
    }

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML page with bar charts.")
    Path html;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "An earlier bench --json: per mode, this run's median against its median, and whether the "
                    + "difference is within the noise (the intervals mean +- 2 x stddev overlap).")
    Path baselineFile;

    @Option(names = "--export-markdown", paramLabel = "FILE", description = "Also write the tables as Markdown.")
    Path markdown;

    @Mixin
    ComputeAddress computeAddress;

    @Mixin
    FetcherAddress fetcherAddress;

    @Mixin
    DeadlineOption deadline;

    @Mixin
    TlsOptions tls;

    /** Where the report goes. */
    public BenchOutput output() {
        return new BenchOutput(format.json ? BenchOutput.Format.JSON : format.csv ? BenchOutput.Format.CSV : BenchOutput.Format.TABLE,
                html, markdown);
    }

    /** Values out of range end the command before anything runs. */
    void validate() {
        OptionRange.atLeast("--warmup", warmup, 0);
        OptionRange.atLeast("--repeat", repeat, 1);
        OptionRange.atLeast("--url-count", urlCount, 1);
        concurrency.forEach(c -> OptionRange.atLeast("--concurrency", c, 1));
        OptionRange.atLeast("--bytes", bytes, 0);
        parts.forEach(p -> OptionRange.atLeast("--parts", p, 0));
        if (parts.size() > 1 && parts.contains(0)) {
            throw new CliFailure(ExitCodes.USAGE, "--parts 0 (the service's choice) cannot be swept: it has no ideal; use counts of 1 or more");
        }
        OptionRange.atLeast("--overhead-calls", overheadCalls, 0);
    }

    /**
     * The preset's values for the options not given on the command line (explicit options win): the
     * one place a preset acts. Returns the workload and Python timings it brings.
     */
    PresetApplied applyPreset(Predicate<String> given) {
        if (preset != Preset.tutorial) {
            return new PresetApplied(OriginWorkload.uniform(urlCount, delay, bytes), PythonTimings.NONE);
        }
        if (!given.test("--concurrency")) {
            concurrency = List.of(TutorialPreset.CONCURRENCY);
        }
        if (!given.test("--end")) {
            end = TutorialPreset.RANGE_END;
        }
        if (!given.test("--delay")) {
            delay = Duration.ofMillis(TutorialPreset.DELAY_MS);
        }
        return new PresetApplied(OriginWorkload.tutorial(delay), TutorialPreset.PYTHON);
    }

    /** What a preset brings beyond option values: the default workload and the Python timings beside. */
    record PresetApplied(OriginWorkload origin, PythonTimings python) {
    }
}
