package dev.fanout.cli.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.fanout.cli.CliFailure;
import dev.fanout.cli.ExitCodes;
import dev.fanout.cli.bench.BenchReport;

/**
 * Where a bench's report goes: stdout as tables, CSV or JSON, and optionally an HTML page
 * (--html) and a Markdown file (--export-markdown).
 *
 * @param html     null for no page
 * @param markdown null for no Markdown file
 */
public record BenchOutput(Format format, Path html, Path markdown) {
    public enum Format {
        TABLE, CSV, JSON
    }

    /** Tables are for people: a progress bar may draw beside them. */
    public boolean forPeople() {
        return format == Format.TABLE;
    }

    public void write(BenchReport report) {
        System.out.print(switch (format) {
            case JSON -> BenchJson.render(report) + "\n";
            case CSV -> BenchCsv.render(report);
            case TABLE -> BenchTable.render(report);
        });
        if (html != null) {
            write("--html", html, BenchHtml.render(report));
        }
        if (markdown != null) {
            write("--export-markdown", markdown, BenchMarkdown.render(report));
        }
    }

    private static void write(String option, Path file, String content) {
        try {
            Files.writeString(file, content);
            System.err.println("wrote " + file);
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.SOME_FAILED, "cannot write " + option + " " + file + ": " + e.getMessage());
        }
    }
}
