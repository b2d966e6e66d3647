package dev.fanout.cli.render;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr for long runs. It draws only when the process talks to a
 * terminal and the output is for people, and only once a run has lasted a moment, so short calls
 * and piped output stay clean.
 */
public final class ProgressBar {
    private static final long SHOW_AFTER_NANOS = 300_000_000L;
    private static final long REDRAW_EVERY_NANOS = 80_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean enabled;
    private final String unit;
    private final long started = System.nanoTime();
    private long lastDraw;
    private boolean drawn;
    private long done;
    private long total;

    private ProgressBar(PrintStream out, boolean enabled, String unit) {
        this.out = out;
        this.enabled = enabled;
        this.unit = unit;
    }

    /** A bar drawn on stderr when {@link #isTerminal()} and {@code forPeople} are true; otherwise a no-op. */
    public static ProgressBar create(boolean forPeople, String unit) {
        return new ProgressBar(System.err, forPeople && isTerminal(), unit);
    }

    /** Whether stdin and stdout are a terminal (System.console() is null otherwise on JDK 25). */
    public static boolean isTerminal() {
        return System.console() != null;
    }

    public boolean enabled() {
        return enabled;
    }

    public void update(long done, long total) {
        this.done = done;
        this.total = total;
        long now = System.nanoTime();
        if (enabled && now - started >= SHOW_AFTER_NANOS && (now - lastDraw >= REDRAW_EVERY_NANOS || done == total)) {
            draw(now);
        }
    }

    /** Runs {@code print} with the bar lifted off the line, so rows and the bar do not mix. */
    public void printAbove(Runnable print) {
        if (drawn) {
            clear();
            print.run();
            draw(System.nanoTime());
        } else {
            print.run();
        }
    }

    public void finish() {
        if (drawn) {
            clear();
        }
    }

    private void draw(long now) {
        int filled = total <= 0 ? 0 : (int) Math.min(WIDTH, WIDTH * done / total);
        out.print(String.format(Locale.ROOT, "\r[%s%s] %d/%d %s  %.1fs", "#".repeat(filled), ".".repeat(WIDTH - filled),
                done, total, unit, (now - started) / 1e9));
        out.flush();
        lastDraw = now;
        drawn = true;
    }

    private void clear() {
        out.print("\r\033[2K");
        out.flush();
        drawn = false;
    }
}
