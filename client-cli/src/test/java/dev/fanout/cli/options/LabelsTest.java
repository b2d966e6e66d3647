package dev.fanout.cli.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.FetchError;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.support.Labels;
import picocli.CommandLine.TypeConversionException;

class LabelsTest {

    @Test
    void labelsAreTheSuffixesInLowerKebabCase() {
        assertEquals("virtual-threads", Labels.of(FetchMode.FETCH_MODE_VIRTUAL_THREADS));
        assertEquals("single", Labels.of(ComputeMode.COMPUTE_MODE_SINGLE));
        assertEquals("http-status", Labels.of(FetchError.FETCH_ERROR_HTTP_STATUS));
        assertEquals(List.of("single", "cores", "pods"), Labels.of(ComputeMode.values()));
        assertEquals(List.of("sequential", "threads", "virtual-threads", "reactive", "pods"), Labels.of(FetchMode.values()));
    }

    @Test
    void convertersAcceptEveryLabelAndListTheValidOnesOtherwise() {
        for (FetchMode mode : Labels.choices(FetchMode.values())) {
            assertEquals(mode, new FetchModeConverter().convert(Labels.of(mode)));
        }
        assertEquals(ComputeMode.COMPUTE_MODE_CORES, new ComputeModeConverter().convert("CORES"));
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> new ComputeModeConverter().convert("unspecified"));
        assertEquals("'unspecified' is not a mode; valid: single, cores, pods", e.getMessage());
        assertThrows(TypeConversionException.class, () -> new FetchModeConverter().convert("virtual_threads"));
    }

    @Test
    void benchModesAreEveryModeOfTheContractOnce() {
        assertEquals(BenchMode.contractLabels(), Stream.of(BenchMode.values()).map(BenchMode::label).toList());
        assertEquals(BenchMode.VIRTUAL_THREADS, new BenchMode.Choices().convert("virtual-threads"));
    }

    @Test
    void theBenchsOwnChoicesAreClosed() {
        assertEquals(BenchService.fetch, new BenchService.Choices().convert("Fetch"));
        assertEquals("'both' is not a service; valid: compute, fetch",
                assertThrows(TypeConversionException.class, () -> new BenchService.Choices().convert("both")).getMessage());
        assertEquals("'paper' is not a preset; valid: tutorial",
                assertThrows(TypeConversionException.class, () -> new Preset.Choices().convert("paper")).getMessage());
    }
}
