package dev.fanout.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BenchMathTest {
    private static final double EPS = 1e-9;

    @Test
    void statsTakeTheMiddleOfOddAndEvenCounts() {
        assertEquals(new Stats(3, 1, 9), Stats.of(new double[] { 9, 1, 3 }));
        assertEquals(new Stats(2.5, 1, 4), Stats.of(new double[] { 4, 1, 2, 3 }));
        assertEquals(new Stats(7, 7, 7), Stats.of(new double[] { 7 }));
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
                new ModeSamples("single", new double[] { 400, 380, 420 }, new double[] { 402, 383, 425 }, 1, 0, Double.NaN, null),
                new ModeSamples("cores", new double[] { 250, 200, 210 }, new double[] { 252, 204, 213 }, 2, 0, Double.NaN, null),
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
                new ModeSamples("sequential", new double[] { 2_050, 2_010 }, new double[] { 2_060, 2_020 }, 1, 0, 101, null),
                // Under load the per-URL time grows; the ideal still uses the unloaded latency.
                new ModeSamples("reactive", new double[] { 230, 250 }, new double[] { 240, 255 }, 10, 3, 115, null)),
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
                new ModeSamples("threads", new double[] { 300 }, new double[] { 310 }, 5, 0, 120, null)), 10, Map.of());
        assertTrue(Double.isNaN(rows.get(0).speedup()));
        assertEquals(240, rows.get(0).idealMs(), EPS);
    }
}
