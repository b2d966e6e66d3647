package dev.fanout.cli.support;

import dev.fanout.v1.ComputeMode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

public final class ComputeModeConverter implements ITypeConverter<ComputeMode> {
    @Override
    public ComputeMode convert(String value) {
        try {
            return ModeNames.parse(ComputeMode.values(), value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
