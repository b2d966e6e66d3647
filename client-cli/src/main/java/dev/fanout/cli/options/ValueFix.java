package dev.fanout.cli.options;

import picocli.CommandLine.TypeConversionException;

/**
 * A value a converter refused but can correct: the error handler names the option and shows the
 * corrected form in full ({@code use --compute 127.0.0.1:8081}), which a converter cannot do alone
 * because picocli does not tell it which option it converts for.
 */
public final class ValueFix extends TypeConversionException {
    private final String fixed;

    public ValueFix(String problem, String fixed) {
        super(problem);
        this.fixed = fixed;
    }

    /** The value as it should have been written. */
    public String fixed() {
        return fixed;
    }
}
