package dev.fanout.cli.options;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import dev.fanout.cli.CliFailure;
import dev.fanout.cli.ExitCodes;
import picocli.CommandLine.Option;

/** Where the URLs come from: --url (repeatable) or --urls-file F, one URL a line, '-' for stdin. */
public final class UrlSource {
    @Option(names = "--url", paramLabel = "URL", arity = "1..*", description = "URLs to download (repeatable).")
    List<String> urls;

    @Option(names = "--urls-file", paramLabel = "FILE",
            description = "File with one URL a line ('-' reads stdin); blank lines and lines starting with # are skipped.")
    String urlsFile;

    /** The URLs given, or an empty list when neither option was used. */
    public List<String> read() {
        if (urls != null && urlsFile != null) {
            throw new CliFailure(ExitCodes.USAGE, "use either --url or --urls-file, not both");
        }
        if (urls != null) {
            return List.copyOf(urls);
        }
        if (urlsFile == null) {
            return List.of();
        }
        try (BufferedReader in = new BufferedReader(open(urlsFile))) {
            List<String> read = in.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            if (read.isEmpty()) {
                throw new CliFailure(ExitCodes.USAGE, "--urls-file " + urlsFile + " has no URLs");
            }
            return read;
        } catch (NoSuchFileException e) {
            throw new CliFailure(ExitCodes.USAGE, "--urls-file " + urlsFile + ": no such file");
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.USAGE, "--urls-file " + urlsFile + ": " + e.getMessage());
        }
    }

    private static Reader open(String file) throws IOException {
        return file.equals("-") ? new InputStreamReader(System.in, StandardCharsets.UTF_8)
                : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
    }
}
