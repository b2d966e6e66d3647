package dev.fanout.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository's documentation as tests read it, the files themselves (never a copy): README.md and
 * the pages of docs/. The commands of their {@code ```sh} blocks, each with the headings it sits under
 * and the comments that show its output, and their other fenced blocks.
 */
final class Readme {

    static final Path ROOT = Kustomize.DEPLOY.getParent();
    static final Path FILE = ROOT.resolve("README.md");
    static final Path DOCS = ROOT.resolve("docs");

    /**
     * One command as written: {@code text} with its continuation lines (a trailing backslash, or a quote
     * still open), {@code words} as the shell splits them, the comment at its end, and the comment lines
     * right below it (the output it shows, as in {@code grpcurl ... list}).
     */
    record Example(String page, List<String> headings, int line, String text, List<String> words, String trailingComment,
            List<String> commentLines) {

        boolean under(String heading) {
            return headings.contains(heading);
        }

        @Override
        public String toString() {
            return page + ":" + line + " " + words;
        }
    }

    private Readme() {
    }

    /** README.md, then the pages of docs/ by name. */
    static List<Path> pages() {
        try (Stream<Path> docs = Files.list(DOCS)) {
            return Stream.concat(Stream.of(FILE), docs.filter(page -> page.toString().endsWith(".md")).sorted()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A page's name as its readers and the tests' messages give it: README.md, docs/cli.md. */
    static String name(Path page) {
        return ROOT.relativize(page).toString();
    }

    static List<String> lines(Path page) {
        try {
            return Files.readAllLines(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every command of every {@code ```sh} block of every page, in order. */
    static List<Example> examples() {
        return pages().stream().flatMap(page -> examples(page).stream()).toList();
    }

    /** Every command of every {@code ```sh} block of one page, in order. */
    static List<Example> examples(Path page) {
        List<String> lines = lines(page);
        List<Example> examples = new ArrayList<>();
        List<String> headings = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        boolean inSh = false;
        boolean inOtherBlock = false;
        Example last = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!inSh && !inOtherBlock && line.startsWith("#")) {
                int level = line.indexOf(' ');
                while (!levels.isEmpty() && levels.getLast() >= level) {
                    levels.removeLast();
                    headings.removeLast();
                }
                levels.add(level);
                headings.add(line.substring(level + 1).strip());
            } else if (line.startsWith("```")) {
                if (inSh || inOtherBlock) {
                    inSh = inOtherBlock = false;
                } else {
                    inSh = line.equals("```sh");
                    inOtherBlock = !inSh;
                }
                last = null;
            } else if (inSh && line.isBlank()) {
                last = null;
            } else if (inSh && line.strip().startsWith("#")) {
                if (last != null) {
                    last.commentLines().add(line.strip().substring(1).strip());
                }
            } else if (inSh) {
                int first = i;
                StringBuilder text = new StringBuilder(line);
                Words words = Words.of(text.toString());
                while (!words.complete() && i + 1 < lines.size()) {
                    text.append('\n').append(lines.get(++i));
                    words = Words.of(text.toString());
                }
                last = new Example(name(page), List.copyOf(headings), first + 1, text.toString(), words.words(), words.comment(), new ArrayList<>());
                examples.add(last);
            }
        }
        return examples;
    }

    /** A page's lines with its fenced blocks (fences included) blanked out: its prose, headings and tables. */
    static List<String> prose(Path page) {
        List<String> prose = new ArrayList<>();
        boolean fenced = false;
        for (String line : lines(page)) {
            boolean fence = line.startsWith("```");
            prose.add(fenced || fence ? "" : line);
            fenced ^= fence;
        }
        return prose;
    }

    /** The text of README.md's first fenced block after the first line that contains {@code marker}. */
    static String blockAfter(String marker) {
        List<String> lines = lines(FILE);
        int at = 0;
        while (at < lines.size() && !lines.get(at).contains(marker)) {
            at++;
        }
        while (at < lines.size() && !lines.get(at).startsWith("```")) {
            at++;
        }
        StringBuilder block = new StringBuilder();
        for (int i = at + 1; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
            block.append(lines.get(i)).append('\n');
        }
        if (block.isEmpty()) {
            throw new IllegalStateException("README.md has no fenced block after \"" + marker + "\"");
        }
        return block.toString();
    }

    /**
     * A command line split into words as a POSIX shell does it (quotes, backslashes, comments), enough
     * for the README's examples; {@code complete} is false while a quote is open or the line ends in a
     * backslash, i.e. the shell would read the next line as part of the command.
     */
    record Words(List<String> words, String comment, boolean complete) {

        static Words of(String text) {
            List<String> words = new ArrayList<>();
            StringBuilder word = null;
            char quote = 0;
            String comment = "";
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quote == '\'') {
                    if (c == '\'') {
                        quote = 0;
                    } else {
                        word.append(c);
                    }
                } else if (quote == '"') {
                    if (c == '"') {
                        quote = 0;
                    } else if (c == '\\' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
                        word.append(text.charAt(++i));
                    } else {
                        word.append(c);
                    }
                } else if (c == '\\') {
                    if (i + 1 == text.length()) {
                        return new Words(words, comment, false);
                    }
                    char next = text.charAt(++i);
                    if (next != '\n') {
                        word = word == null ? new StringBuilder() : word;
                        word.append(next);
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                    word = word == null ? new StringBuilder() : word;
                } else if (Character.isWhitespace(c)) {
                    if (word != null) {
                        words.add(word.toString());
                        word = null;
                    }
                } else if (c == '#' && word == null) {
                    int end = text.indexOf('\n', i);
                    comment = text.substring(i + 1, end < 0 ? text.length() : end).strip();
                    i = end < 0 ? text.length() : end - 1;
                } else {
                    word = word == null ? new StringBuilder() : word;
                    word.append(c);
                }
            }
            if (quote != 0) {
                return new Words(words, comment, false);
            }
            if (word != null) {
                words.add(word.toString());
            }
            return new Words(List.copyOf(words), comment, true);
        }
    }
}
