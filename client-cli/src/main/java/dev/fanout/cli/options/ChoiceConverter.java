package dev.fanout.cli.options;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A closed choice, for picocli: the converter from what the user typed (any case) and the candidates
 * that --help lists (${COMPLETION-CANDIDATES}) and shell completion offers. A value that is not a
 * choice is refused with the valid ones. Subclasses only name the choices.
 */
public abstract class ChoiceConverter<E> implements ITypeConverter<E>, Iterable<String> {
    private final List<E> choices;
    private final Function<E, String> label;
    private final String noun;

    protected ChoiceConverter(List<E> choices, Function<E, String> label, String noun) {
        this.choices = choices;
        this.label = label;
        this.noun = noun;
    }

    @Override
    public E convert(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return choices.stream().filter(c -> label.apply(c).equals(wanted)).findFirst()
                .orElseThrow(() -> new TypeConversionException("'" + text + "' is not a " + noun + "; valid: " + String.join(", ", this)));
    }

    @Override
    public Iterator<String> iterator() {
        return choices.stream().map(label).iterator();
    }
}
