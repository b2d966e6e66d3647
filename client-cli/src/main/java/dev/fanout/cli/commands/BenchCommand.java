package dev.fanout.cli.commands;

import java.util.concurrent.Callable;

import dev.fanout.cli.ExitCodes;
import dev.fanout.cli.bench.BenchOptions;
import dev.fanout.cli.bench.BenchPlan;
import dev.fanout.cli.bench.BenchReport;
import dev.fanout.cli.bench.BenchRunner;
import dev.fanout.cli.render.BenchOutput;
import dev.fanout.cli.render.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

    @Mixin
    BenchOptions options;

    @Spec
    CommandSpec spec;

    /** options -> plan -> runner -> renderers; exit 1 when any URL download failed. */
    @Override
    public Integer call() {
        BenchPlan plan = BenchPlan.of(options, this::given);
        BenchOutput output = options.output();
        BenchReport report = new BenchRunner(plan, ProgressBar.create(output.forPeople(), "runs")).run();
        output.write(report);
        return report.anyFailedUrls() ? ExitCodes.SOME_FAILED : ExitCodes.OK;
    }

    /** Whether the user gave {@code option} on the command line (a preset fills in only the others). */
    private boolean given(String option) {
        ParseResult parsed = spec.commandLine().getParseResult();
        return parsed != null && parsed.hasMatchedOption(option);
    }
}
