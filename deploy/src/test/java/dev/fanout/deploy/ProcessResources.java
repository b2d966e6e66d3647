package dev.fanout.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service process holds: its threads (/proc/PID/status), its open file descriptors
 * (/proc/PID/fd: sockets included) and its live heap, read by {@code jcmd PID GC.class_histogram},
 * which runs a full GC first and totals what survives it.
 */
record ProcessResources(int threads, int fds, long heapBytes) {

    private static final Pattern THREADS = Pattern.compile("(?m)^Threads:\\s+(\\d+)$");
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");
    private static final Path JCMD = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");

    static ProcessResources of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            Matcher threads = THREADS.matcher(Files.readString(proc.resolve("status")));
            if (!threads.find()) {
                throw new IllegalStateException("no Threads: line in " + proc.resolve("status"));
            }
            int fdCount = (int) fds.count();
            return new ProcessResources(Integer.parseInt(threads.group(1)), fdCount, liveHeap(pid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long liveHeap(long pid) throws IOException {
        Process jcmd = new ProcessBuilder(JCMD.toString(), Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
                throw new IllegalStateException("jcmd " + pid + " GC.class_histogram did not end within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Matcher total = HISTOGRAM_TOTAL.matcher(output);
        if (!total.find()) {
            throw new IllegalStateException("jcmd " + pid + " GC.class_histogram printed no total:\n" + output);
        }
        return Long.parseLong(total.group(1));
    }

    String text() {
        return String.format("%d thr, %d fd, %.1f MiB", threads, fds, heapBytes / 1048576.0);
    }
}
