package dev.fanout.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import dev.fanout.cli.client.ComputeClient;
import dev.fanout.cli.client.FetchClient;
import dev.fanout.cli.client.Service;
import dev.fanout.cli.client.ServiceChannel;
import dev.fanout.cli.render.ProgressBar;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.SumOfSquaresRequest;
import dev.fanout.v1.support.DurationText;
import dev.fanout.v1.support.ProtoDurations;

/**
 * Runs a {@link BenchPlan}: opens a channel per service, runs every mode at every swept value, and
 * aggregates the samples into a {@link BenchReport} (beside the baseline file's, when there is one).
 */
public final class BenchRunner {
    private final BenchPlan plan;
    private final ProgressBar bar;
    private final ModeRunner modes;
    private final List<SuiteResult> suites = new ArrayList<>();
    private final List<SweepResult> sweeps = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private Overhead overhead;

    public BenchRunner(BenchPlan plan, ProgressBar bar) {
        this.plan = plan;
        this.bar = bar;
        this.modes = new ModeRunner(plan.warmup(), plan.repeat(), bar, plan.runs());
    }

    public BenchReport run() {
        try {
            if (plan.compute() != null) {
                compute(plan.compute());
            }
            if (plan.fetch() != null) {
                fetch(plan.fetch());
            }
        } finally {
            bar.finish();
        }
        if (plan.baseline() != null) {
            suites.replaceAll(plan.baseline()::compare);
            sweeps.replaceAll(plan.baseline()::compare);
        }
        return new BenchReport(plan.preset() == null ? null : plan.preset().name(), plan.warmup(), plan.repeat(), suites, sweeps,
                overhead, notes);
    }

    private void compute(BenchPlan.ComputePlan compute) {
        String range = "range [" + compute.start() + ", " + compute.end() + ")";
        List<SuiteResult> runs = new ArrayList<>();
        try (ServiceChannel channel = ServiceChannel.open(Service.COMPUTE, compute.address(), plan.tls())) {
            ComputeClient client = new ComputeClient(channel, plan.deadline());
            overhead = compute.overheadCalls() > 0 ? ClientOverhead.measure(client, compute.overheadCalls()) : null;
            for (int p : compute.parts()) {
                SumOfSquaresRequest request = SumOfSquaresRequest.newBuilder().setStart(compute.start()).setEnd(compute.end()).setParts(p).build();
                List<ModeSamples> samples = compute.modes().stream().map(m -> modes.compute(client, request, m)).toList();
                runs.add(new SuiteResult("compute", "single", range + ", " + (p == 0 ? "parts: the service's choice" : p + " parts"),
                        "single's median / parallelism", BenchMath.compute(samples, compute.python())));
            }
        }
        collect(runs, () -> sweep("parts", range, "single / min(parts, parallelism)", compute.parts(), runs,
                (p, suite) -> BenchMath.computeIdealSpeedup(p, suite.modes().stream().mapToInt(ModeResult::parallelism).max().orElse(1))));
        notes.addAll(compute.notes());
    }

    private void fetch(BenchPlan.FetchPlan fetch) {
        String timeout = "timeout " + DurationText.of(fetch.timeout());
        int urls = fetch.urls().size();
        List<SuiteResult> runs = new ArrayList<>();
        try (ServiceChannel channel = ServiceChannel.open(Service.FETCHER, fetch.address(), plan.tls())) {
            FetchClient client = new FetchClient(channel, plan.deadline());
            for (int c : fetch.concurrency()) {
                FetchRequest request = FetchRequest.newBuilder().addAllUrls(fetch.urls()).setConcurrency(c)
                        .setTimeout(ProtoDurations.of(fetch.timeout())).build();
                List<ModeSamples> samples = fetch.modes().stream().map(m -> modes.fetch(client, request, m)).toList();
                runs.add(new SuiteResult("fetch", "sequential", fetch.workload() + "; concurrency " + c + ", " + timeout,
                        "ceil(URLs / concurrency) x mean per-URL latency measured sequentially", BenchMath.fetch(samples, urls, fetch.python())));
            }
        }
        collect(runs, () -> sweep("concurrency", fetch.workload() + ", " + timeout, "URLs / ceil(URLs / concurrency) (Little's law)",
                fetch.concurrency(), runs, (c, suite) -> BenchMath.fetchIdealSpeedup(urls, c)));
        notes.addAll(fetch.notes());
    }

    /** One value: an ordinary bench; several: a sweep over them. */
    private void collect(List<SuiteResult> runs, java.util.function.Supplier<SweepResult> sweep) {
        if (runs.size() == 1) {
            suites.add(runs.getFirst());
        } else {
            sweeps.add(sweep.get());
        }
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
}
