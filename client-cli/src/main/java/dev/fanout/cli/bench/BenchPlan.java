package dev.fanout.cli.bench;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.google.protobuf.ProtocolMessageEnum;

import dev.fanout.cli.options.BenchMode;
import dev.fanout.cli.options.BenchService;
import dev.fanout.cli.options.HostPort;
import dev.fanout.cli.options.Preset;
import dev.fanout.cli.options.TlsOptions;
import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.support.Labels;

/**
 * What a bench will run, every option resolved and the preset applied: the runner reads this alone.
 *
 * @param preset   the preset used, or null
 * @param compute  the compute bench, or null when compute is not benched
 * @param fetch    the fetch bench, or null when fetch is not benched
 * @param baseline an earlier run to compare with (--baseline), or null; read before anything runs
 */
public record BenchPlan(Preset preset, int warmup, int repeat, Duration deadline, TlsOptions tls, ComputePlan compute,
        FetchPlan fetch, Baseline baseline) {

    /**
     * @param parts         one value, or several to sweep
     * @param overheadCalls tiny calls that measure the client's overhead per call; 0 skips
     */
    public record ComputePlan(HostPort address, List<ComputeMode> modes, long start, long end, List<Integer> parts, int overheadCalls,
            Map<String, Double> python, List<String> notes) {
    }

    /**
     * @param workload    the URLs, in words
     * @param concurrency one value, or several to sweep
     */
    public record FetchPlan(HostPort address, List<FetchMode> modes, List<String> urls, String workload, List<Integer> concurrency,
            Duration timeout, Map<String, Double> python, List<String> notes) {
    }

    public static BenchPlan of(BenchOptions o, Predicate<String> given) {
        o.validate();
        Baseline baseline = o.baselineFile == null ? null : Baseline.read(o.baselineFile);
        BenchOptions.PresetApplied preset = o.applyPreset(given);
        PythonTimings python = preset.python();
        List<ComputeMode> computeModes = selected(o, ComputeMode.values(), ComputeMode.COMPUTE_MODE_SINGLE, BenchService.compute);
        List<FetchMode> fetchModes = selected(o, FetchMode.values(), FetchMode.FETCH_MODE_SEQUENTIAL, BenchService.fetch);
        ComputePlan compute = computeModes.isEmpty() ? null : new ComputePlan(o.computeAddress.get(), computeModes, o.start, o.end,
                o.parts, o.overheadCalls, python.compute(), python.computeNotes());
        FetchPlan fetch = null;
        if (!fetchModes.isEmpty()) {
            List<String> listed = o.urls.read();
            String originBase = o.origin != null ? o.origin : o.fetcherAddress.get().httpBase() + "/origin";
            List<String> urls = listed.isEmpty() ? preset.origin().urls(originBase) : listed;
            String workload = listed.isEmpty() ? preset.origin().describe(urls.size()) : urls.size() + " URLs from --url/--urls-file";
            fetch = new FetchPlan(o.fetcherAddress.get(), fetchModes, urls, workload, o.concurrency, o.timeout, python.fetch(),
                    python.fetchNotes());
        }
        return new BenchPlan(o.preset, o.warmup, o.repeat, o.deadline.get(), o.tls, compute, fetch, baseline);
    }

    /** The service's modes to run: none when --only names the other service, else --modes (or all) plus the baseline. */
    private static <E extends Enum<E> & ProtocolMessageEnum> List<E> selected(BenchOptions o, E[] values, E baseline, BenchService service) {
        if (o.only != null && o.only != service) {
            return List.of();
        }
        List<E> all = Labels.choices(values);
        if (o.modes == null) {
            return all;
        }
        Set<E> chosen = new LinkedHashSet<>();
        all.stream().filter(v -> BenchMode.contains(o.modes, v)).forEach(chosen::add);
        if (chosen.isEmpty() && o.only == null) {
            return List.of();
        }
        chosen.add(baseline);
        return all.stream().filter(chosen::contains).toList();
    }

    /** Every run the bench makes, warm-ups included: the progress bar's total. */
    int runs() {
        int modeValues = (compute == null ? 0 : compute.modes().size() * compute.parts().size())
                + (fetch == null ? 0 : fetch.modes().size() * fetch.concurrency().size());
        return modeValues * (warmup + repeat);
    }
}
