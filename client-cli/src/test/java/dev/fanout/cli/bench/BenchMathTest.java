package dev.fanout.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BenchMathTest {
    private static final double EPS = 1e-9;

    @Test
    void statsTakeTheMiddleOfOddAndEvenCounts() {
        Stats odd = Stats.of(new double[] { 9, 1, 3 });
        assertEquals(List.of(3.0, 1.0, 9.0), List.of(odd.median(), odd.min(), odd.max()));
        assertEquals(List.of(9.0, 1.0, 3.0), odd.samples(), "the runs in the order they ran");
        Stats even = Stats.of(new double[] { 4, 1, 2, 3 });
        assertEquals(List.of(2.5, 1.0, 4.0), List.of(even.median(), even.min(), even.max()));
        Stats one = Stats.of(new double[] { 7 });
        assertEquals(List.of(7.0, 7.0, 7.0, 7.0, 0.0), List.of(one.median(), one.min(), one.max(), one.mean(), one.stddev()));
    }

    @Test
    void meanAndSampleStddevAsHyperfineGivesThem() {
        Stats s = Stats.of(new double[] { 2, 4, 4, 4, 5, 5, 7, 9 });
        assertEquals(5, s.mean(), EPS);
        // Sample standard deviation (n - 1): sqrt(32 / 7).
        assertEquals(Math.sqrt(32.0 / 7), s.stddev(), EPS);
    }

    @Test
    void noisyRunsAndOutliersGetAWarning() {
        assertTrue(Stats.of(new double[] { 100, 101, 99, 100, 102 }).warning().isEmpty());
        // stddev / mean = 0.5: far over 10 %.
        assertTrue(Stats.of(new double[] { 50, 150 }).warning().orElseThrow().startsWith("runs vary: stddev is 71% of the mean"));
        // Quartiles 100 and 101, IQR 1: 115 is beyond 101 + 1.5; the spread stays under 10 %.
        Stats outlier = Stats.of(new double[] { 100, 100, 101, 101, 100, 101, 100, 115 });
        assertEquals(1, outlier.outliers());
        assertEquals("1 of 8 runs is an outlier (beyond 1.5 x IQR from the quartiles)", outlier.warning().orElseThrow());
        assertEquals(0, Stats.of(new double[] { 1, 1, 50 }).outliers(), "three runs have no quartiles worth the name");
    }

    @Test
    void urlLatencyPercentilesComeFromTheHistogram() {
        double[] times = new double[100];
        for (int i = 0; i < 100; i++) {
            times[i] = i + 1; // 1 .. 100 ms
        }
        UrlLatency latency = UrlLatency.of(times);
        assertEquals(50, latency.p50(), 0.1);
        assertEquals(90, latency.p90(), 0.1);
        assertEquals(99, latency.p99(), 0.1);
        assertEquals(50.5, latency.mean(), EPS);
        assertNull(UrlLatency.of(new double[0]));
    }

    @Test
    void aBaselineWithinTwoStddevsIsNoise() {
        Stats now = Stats.of(new double[] { 95, 100, 105 }); // mean 100, stddev 5
        BaselineComparison close = BaselineComparison.of(now, 110, 110, 1); // gap 10 <= 2 x (5 + 1)
        assertEquals(100.0 / 110, close.ratio(), EPS);
        assertTrue(close.withinNoise());
        assertEquals("1.10x faster, within noise", close.words());
        BaselineComparison far = BaselineComparison.of(now, 50, 50, 1); // gap 50 > 12
        assertFalse(far.withinNoise());
        assertEquals("2.00x slower", far.words());
    }

    @Test
    void fetchIdealIsWavesOfRequestsTimesLatency() {
        // 20 URLs, 5 in flight: 4 waves of 500 ms (the tutorial's threads run could have taken 2 s).
        assertEquals(2_000, BenchMath.fetchIdealMs(20, 5, 500), EPS);
        assertEquals(10_000, BenchMath.fetchIdealMs(20, 1, 500), EPS);
        assertEquals(300, BenchMath.fetchIdealMs(21, 10, 100), EPS); // a partial last wave still costs a full latency
        assertEquals(100, BenchMath.fetchIdealMs(20, 1000, 100), EPS); // more slots than URLs: one wave
    }

    @Test
    void computeIdealDividesTheSingleCoreTime() {
        assertEquals(95.5, BenchMath.computeIdealMs(382, 4), EPS);
        assertEquals(382, BenchMath.computeIdealMs(382, 0), EPS);
    }

    @Test
    void computeRowsCompareWithSingleAndItsIdeal() {
        List<ModeResult> rows = BenchMath.compute(List.of(
                new ModeSamples("single", new double[] { 400, 380, 420 }, new double[] { 402, 383, 425 }, 1, 0, new double[0], null),
                new ModeSamples("cores", new double[] { 250, 200, 210 }, new double[] { 252, 204, 213 }, 2, 0, new double[0], null),
                ModeSamples.skipped("pods", "FAILED_PRECONDITION: no workers")), Map.of("single", 11.48));

        ModeResult single = rows.get(0);
        assertEquals(400, single.service().median(), EPS);
        assertEquals(402, single.client().median(), EPS);
        assertEquals(1.0, single.speedup(), EPS);
        assertEquals(400, single.idealMs(), EPS);
        assertEquals(1.0, single.efficiency(), EPS);
        assertEquals(11.48, single.pythonSeconds(), EPS);

        ModeResult cores = rows.get(1);
        assertEquals(210, cores.service().median(), EPS);
        assertEquals(400.0 / 210, cores.speedup(), EPS);
        assertEquals(200, cores.idealMs(), EPS); // single / 2 threads
        assertEquals(200.0 / 210, cores.efficiency(), EPS);
        assertTrue(Double.isNaN(cores.pythonSeconds()));

        ModeResult pods = rows.get(2);
        assertEquals("FAILED_PRECONDITION: no workers", pods.skipped());
        assertNull(pods.service());
        assertTrue(Double.isNaN(pods.speedup()));
    }

    @Test
    void fetchRowsUseTheSequentialLatencyForEveryIdeal() {
        List<ModeResult> rows = BenchMath.fetch(List.of(
                new ModeSamples("sequential", new double[] { 2_050, 2_010 }, new double[] { 2_060, 2_020 }, 1, 0, new double[] { 100, 102 }, null),
                // Under load the per-URL time grows; the ideal still uses the unloaded latency.
                new ModeSamples("reactive", new double[] { 230, 250 }, new double[] { 240, 255 }, 10, 3, new double[] { 115 }, null)),
                20, Map.of());

        ModeResult sequential = rows.get(0);
        assertEquals(2_030, sequential.service().median(), EPS);
        assertEquals(20 * 101, sequential.idealMs(), EPS);
        assertEquals(2_020.0 / 2_030, sequential.efficiency(), EPS);

        ModeResult reactive = rows.get(1);
        assertEquals(240, reactive.service().median(), EPS);
        assertEquals(2_030.0 / 240, reactive.speedup(), EPS);
        assertEquals(2 * 101, reactive.idealMs(), EPS);
        assertEquals(202.0 / 240, reactive.efficiency(), EPS);
        assertEquals(3, reactive.failedUrls());
    }

    @Test
    void withoutABaselineRatiosAreUnknownButIdealsUseTheModesOwnLatency() {
        List<ModeResult> rows = BenchMath.fetch(List.of(
                new ModeSamples("threads", new double[] { 300 }, new double[] { 310 }, 5, 0, new double[] { 120 }, null)), 10, Map.of());
        assertTrue(Double.isNaN(rows.get(0).speedup()));
        assertEquals(240, rows.get(0).idealMs(), EPS);
    }
}
