package dev.fanout.cli.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.fanout.v1.ComputeMode;
import dev.fanout.v1.FetchMode;
import picocli.CommandLine.TypeConversionException;

class ModeNamesTest {

    @Test
    void namesAreTheSuffixesInLowerKebabCase() {
        assertEquals("virtual-threads", ModeNames.name(FetchMode.FETCH_MODE_VIRTUAL_THREADS));
        assertEquals("single", ModeNames.name(ComputeMode.COMPUTE_MODE_SINGLE));
        assertEquals("single, cores, pods", ModeNames.choiceList(ComputeMode.values()));
        assertEquals("sequential, threads, virtual-threads, reactive, pods", ModeNames.choiceList(FetchMode.values()));
    }

    @Test
    void convertersAcceptEveryNameAndListTheValidOnesOtherwise() {
        for (FetchMode mode : ModeNames.choices(FetchMode.values())) {
            assertEquals(mode, new FetchModeConverter().convert(ModeNames.name(mode)));
        }
        assertEquals(ComputeMode.COMPUTE_MODE_CORES, new ComputeModeConverter().convert("CORES"));
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> new ComputeModeConverter().convert("unspecified"));
        assertEquals("'unspecified' is not a mode; valid: single, cores, pods", e.getMessage());
        assertThrows(TypeConversionException.class, () -> new FetchModeConverter().convert("virtual_threads"));
    }
}
