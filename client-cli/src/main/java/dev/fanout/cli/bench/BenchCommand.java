package dev.fanout.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import dev.fanout.cli.compute.ComputeClient;
import dev.fanout.cli.fetch.FetchClient;
import dev.fanout.cli.fetch.UrlSource;
import dev.fanout.cli.support.CliFailure;
import dev.fanout.cli.support.ComputeAddress;
import dev.fanout.cli.support.DeadlineOption;
import dev.fanout.cli.support.DurationConverter;
import dev.fanout.cli.support.Durations;
import dev.fanout.cli.support.ExitCodes;
import dev.fanout.cli.support.FetcherAddress;
import dev.fanout.cli.support.ModeNames;
import dev.fanout.cli.support.OptionRange;
import dev.fanout.cli.support.ProgressBar;
import dev.fanout.cli.support.Service;
import dev.fanout.cli.support.ServiceChannel;
import dev.fanout.cli.support.TlsOptions;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.SumOfSquaresRequest;
import io.grpc.StatusRuntimeException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
                "Every mode of both services on one workload, beside the ideal.",
                "",
                "Each mode gets --warmup runs, then --repeat measured runs. Per mode: the",
                "median, min and max service time, the client-observed time, the speedup",
                "over the baseline (compute: single, fetch: sequential) and the ideal:",
                "  fetch    ceil(URLs / concurrency) x per-URL latency (Little's law)",
                "  compute  single's median / the threads or workers used",
                "Efficiency is ideal / median. A mode the service cannot run is skipped",
                "with a note: UNIMPLEMENTED, FAILED_PRECONDITION, or UNAVAILABLE while the",
                "service itself answers (e.g. pods without workers).",
                "",
                "Default workload: --url-count URLs of the fetcher's simulated origin (no",
                "internet needed) and the range [--start, --end).",
                "" })
public class BenchCommand implements Callable<Integer> {

    @Option(names = "--preset", paramLabel = "NAME", completionCandidates = Presets.class,
            description = "One of: ${COMPLETION-CANDIDATES}. tutorial: the concurrency tutorial's experiment (20 URLs of "
                    + "10394 B and 277 B at 0.5 s each, concurrency 5, range(100000000)) with its Python timings beside. "
                    + "Options given explicitly still win.")
    String preset;

    @Option(names = "--only", paramLabel = "SERVICE", completionCandidates = Services.class,
            description = "Bench one service only: ${COMPLETION-CANDIDATES}.")
    String only;

    @Option(names = "--modes", split = ",", paramLabel = "MODE", completionCandidates = ModeNames.AllChoices.class,
            description = "Modes to run, comma-separated, of: ${COMPLETION-CANDIDATES} (default all; the baseline always runs).")
    List<String> modes;

    /** --preset's choices. */
    static final class Presets implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("tutorial").iterator();
        }
    }

    /** --only's choices. */
    static final class Services implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("compute", "fetch").iterator();
        }
    }

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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        validate();
        Baseline baseline = baselineFile == null ? null : Baseline.read(baselineFile);
        List<ComputeMode> computeModes = selected(ComputeMode.values(), ComputeMode.COMPUTE_MODE_SINGLE, "compute");
        List<FetchMode> fetchModes = selected(FetchMode.values(), FetchMode.FETCH_MODE_SEQUENTIAL, "fetch");
        ProgressBar bar = ProgressBar.create(!format.json && !format.csv, "runs");
        List<Integer> inFlight = given("--concurrency") || !tutorial() ? concurrency : List.of(TutorialPreset.CONCURRENCY);
        BenchRunner runner = new BenchRunner(warmup, repeat, deadline.get(), bar,
                computeModes.size() * parts.size() + fetchModes.size() * inFlight.size());
        Map<String, Double> computePython = tutorial() ? TutorialPreset.COMPUTE_PYTHON_S : Map.of();
        Map<String, Double> fetchPython = tutorial() ? TutorialPreset.FETCH_PYTHON_S : Map.of();

        List<SuiteResult> suites = new ArrayList<>();
        List<SweepResult> sweeps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Overhead overhead = null;
        try {
            if (!computeModes.isEmpty()) {
                long rangeEnd = given("--end") || !tutorial() ? end : TutorialPreset.RANGE_END;
                String range = "range [" + start + ", " + rangeEnd + ")";
                String idealRule = "single's median / parallelism";
                List<SuiteResult> runs = new ArrayList<>();
                try (ServiceChannel channel = ServiceChannel.open(Service.COMPUTE, computeAddress.get(), tls)) {
                    ComputeClient client = new ComputeClient(channel, deadline.get());
                    overhead = overheadCalls > 0 ? measureOverhead(client) : null;
                    for (int p : parts) {
                        SumOfSquaresRequest request = SumOfSquaresRequest.newBuilder().setStart(start).setEnd(rangeEnd).setParts(p).build();
                        List<ModeSamples> samples = computeModes.stream().map(m -> runner.compute(client, request, m)).toList();
                        runs.add(new SuiteResult("compute", "single", range + ", " + (p == 0 ? "parts: the service's choice" : p + " parts"),
                                idealRule, BenchMath.compute(samples, computePython)));
                    }
                }
                if (runs.size() == 1) {
                    suites.add(runs.getFirst());
                } else {
                    sweeps.add(sweep("parts", range, "single / min(parts, parallelism)", parts, runs,
                            (p, suite) -> BenchMath.computeIdealSpeedup(p, suite.modes().stream().mapToInt(ModeResult::parallelism).max().orElse(1))));
                }
                if (tutorial()) {
                    notes.add(TutorialPreset.COMPUTE_PYTHON_NOTE);
                }
            }
            if (!fetchModes.isEmpty()) {
                List<String> given = urls.read();
                List<String> list = given.isEmpty() ? originUrls() : given;
                String idealRule = "ceil(URLs / concurrency) x mean per-URL latency measured sequentially";
                List<SuiteResult> runs = new ArrayList<>();
                try (ServiceChannel channel = ServiceChannel.open(Service.FETCHER, fetcherAddress.get(), tls)) {
                    FetchClient client = new FetchClient(channel, deadline.get());
                    for (int c : inFlight) {
                        FetchRequest request = FetchRequest.newBuilder().addAllUrls(list).setConcurrency(c)
                                .setTimeout(Durations.proto(timeout)).build();
                        List<ModeSamples> samples = fetchModes.stream().map(m -> runner.fetch(client, channel, request, m)).toList();
                        runs.add(new SuiteResult("fetch", "sequential", fetchWorkload(list.size(), !given.isEmpty()) + "; concurrency " + c
                                + ", timeout " + Durations.human(timeout), idealRule, BenchMath.fetch(samples, list.size(), fetchPython)));
                    }
                }
                if (runs.size() == 1) {
                    suites.add(runs.getFirst());
                } else {
                    sweeps.add(sweep("concurrency", fetchWorkload(list.size(), !given.isEmpty()) + ", timeout " + Durations.human(timeout),
                            "URLs / ceil(URLs / concurrency) (Little's law)", inFlight, runs,
                            (c, suite) -> BenchMath.fetchIdealSpeedup(list.size(), c)));
                }
                if (tutorial()) {
                    notes.add("Python beside each mode (the tutorial, real sites over the internet): sequential = requests, "
                            + "threads = ThreadPoolExecutor(5), reactive = asyncio + aiohttp, pods = ProcessPoolExecutor.");
                }
            }
        } finally {
            bar.finish();
        }
        if (baseline != null) {
            suites.replaceAll(baseline::compare);
            sweeps.replaceAll(baseline::compare);
        }
        BenchReport report = new BenchReport(tutorial() ? "tutorial" : null, warmup, repeat, suites, sweeps, overhead, notes);
        System.out.print(format.json ? BenchJson.render(report) + "\n" : format.csv ? BenchCsv.render(report) : BenchTable.render(report));
        if (html != null) {
            write("--html", html, BenchHtml.render(report));
        }
        if (markdown != null) {
            write("--export-markdown", markdown, BenchMarkdown.render(report));
        }
        boolean failures = Stream.concat(suites.stream(), sweeps.stream().flatMap(s -> s.points().stream().map(SweepResult.SweepPoint::suite)))
                .flatMap(s -> s.modes().stream()).anyMatch(m -> m.failedUrls() > 0);
        return failures ? ExitCodes.SOME_FAILED : ExitCodes.OK;
    }

    private void validate() {
        if (preset != null && !preset.equals("tutorial")) {
            throw new CliFailure(ExitCodes.USAGE, "--preset '" + preset + "' is unknown; valid: tutorial");
        }
        if (only != null && !only.equals("compute") && !only.equals("fetch")) {
            throw new CliFailure(ExitCodes.USAGE, "--only '" + only + "' is invalid; valid: compute, fetch");
        }
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
        if (modes != null) {
            for (String m : modes) {
                boolean known = Stream.concat(ModeNames.choices(ComputeMode.values()).stream(), ModeNames.choices(FetchMode.values()).stream())
                        .anyMatch(v -> ModeNames.name(v).equals(m));
                if (!known) {
                    throw new CliFailure(ExitCodes.USAGE, "--modes: '" + m + "' is not a mode; valid: "
                            + ModeNames.choiceList(ComputeMode.values()) + " (compute), " + ModeNames.choiceList(FetchMode.values()) + " (fetch)");
                }
            }
        }
    }

    /** The service's modes to run: none when --only names the other service, else --modes (or all) plus the baseline. */
    private <E extends Enum<E>> List<E> selected(E[] values, E baseline, String service) {
        if (only != null && !only.equals(service)) {
            return List.of();
        }
        List<E> all = ModeNames.choices(values);
        if (modes == null) {
            return all;
        }
        Set<E> chosen = new LinkedHashSet<>();
        all.stream().filter(v -> modes.contains(ModeNames.name(v))).forEach(chosen::add);
        if (chosen.isEmpty() && only == null) {
            return List.of();
        }
        chosen.add(baseline);
        return all.stream().filter(chosen::contains).toList();
    }

    private Overhead measureOverhead(ComputeClient client) {
        try {
            return ClientOverhead.measure(client, overheadCalls);
        } catch (StatusRuntimeException e) {
            throw client.channel().failure(e, deadline.get());
        }
    }

    /** The default workload: URLs of the fetcher's simulated origin. */
    private List<String> originUrls() {
        String base = origin != null ? origin : fetcherAddress.get().httpBase() + "/origin";
        if (tutorial()) {
            return TutorialPreset.urls(base, given("--delay") ? delay.toMillis() : TutorialPreset.DELAY_MS);
        }
        String url = base + "/delay/" + delay.toMillis() + "/bytes/" + bytes;
        return Collections.nCopies(urlCount, url);
    }

    /** One bench per value of the swept setting, each with the bound on speedup at that value. */
    private static SweepResult sweep(String setting, String workload, String idealRule, List<Integer> values, List<SuiteResult> runs,
            BiFunction<Integer, SuiteResult, Double> idealSpeedup) {
        List<SweepResult.SweepPoint> points = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            points.add(new SweepResult.SweepPoint(values.get(i), idealSpeedup.apply(values.get(i), runs.get(i)), runs.get(i)));
        }
        SuiteResult first = runs.getFirst();
        return new SweepResult(first.service(), first.baseline(), setting, workload, idealRule, points);
    }

    private String fetchWorkload(int count, boolean fromUser) {
        String what;
        if (fromUser) {
            what = count + " URLs from --url/--urls-file";
        } else if (tutorial()) {
            what = count + " URLs alternating " + TutorialPreset.BIG_BYTES + " B and " + TutorialPreset.SMALL_BYTES
                    + " B bodies, " + (given("--delay") ? Durations.human(delay) : TutorialPreset.DELAY_MS + "ms")
                    + " each (the tutorial's two sites)";
        } else {
            what = count + " URLs of " + bytes + " B, " + Durations.human(delay) + " each, from the simulated origin";
        }
        return what;
    }

    private static void write(String option, Path file, String content) {
        try {
            Files.writeString(file, content);
            System.err.println("wrote " + file);
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.SOME_FAILED, "cannot write " + option + " " + file + ": " + e.getMessage());
        }
    }

    private boolean tutorial() {
        return "tutorial".equals(preset);
    }

    private boolean given(String option) {
        ParseResult parsed = spec.commandLine().getParseResult();
        return parsed != null && parsed.hasMatchedOption(option);
    }
}
