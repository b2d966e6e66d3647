package dev.fanout.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ChartAxisTest {

    @Test
    void comparableBarsGetALinearAxisFromZeroWithRoundTicks() {
        ChartAxis axis = ChartAxis.of(List.of(2_000.0, 500.0, 250.0), List.of(2_040.0, 245.0, 400.0));
        assertFalse(axis.log());
        assertEquals(List.of(0.0, 500.0, 1_000.0, 1_500.0, 2_000.0, 2_500.0), axis.ticks());
        assertEquals(0.2, axis.fraction(500), 1e-9);
        assertEquals(List.of(0.0, 2_500.0, 5_000.0, 7_500.0, 10_000.0, 12_500.0),
                ChartAxis.of(List.of(10_100.0, 2_030.0), List.of(10_504.0)).ticks());
        assertEquals(List.of(0.0, 0.1, 0.2, 0.3, 0.4), ChartAxis.of(List.of(0.3), List.of(0.31)).ticks());
    }

    @Test
    void aBarTenTimesAnotherTurnsTheAxisLogarithmic() {
        // The tutorial's compute: cores 12 ms, pods 195 ms, Python 11.48 s.
        ChartAxis axis = ChartAxis.of(List.of(26.0, 12.0, 195.0, 11_480.0, 3_580.0), List.of(11.6, 203.0));
        assertTrue(axis.log());
        assertEquals(List.of(1.0, 10.0, 100.0, 1_000.0, 10_000.0, 100_000.0), axis.ticks());
        assertEquals(0.2, axis.fraction(10), 1e-9);
        // Few decades: 2 and 5 between them.
        assertEquals(List.of(0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0),
                ChartAxis.of(List.of(3.0, 40.0), List.of(3.0, 40.0)).ticks());
    }

    @Test
    void labelsAreShortAndRound() {
        assertEquals("0", ChartAxis.label(0));
        assertEquals("0.3", ChartAxis.label(0.30000000000000004));
        assertEquals("2,500", ChartAxis.label(2_500));
        assertEquals("100,000", ChartAxis.label(100_000));
    }
}
