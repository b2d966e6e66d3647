package dev.fanout.cli.support;

import dev.fanout.v1.FetchMode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

public final class FetchModeConverter implements ITypeConverter<FetchMode> {
    @Override
    public FetchMode convert(String value) {
        try {
            return ModeNames.parse(FetchMode.values(), value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
