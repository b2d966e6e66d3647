package dev.fanout.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the bench page in headless Chromium (Debian's chromium package at /usr/bin/chromium) and
 * checks what it drew: the DOM it built, and in a screenshot, bars whose lengths follow the medians
 * and the ideal marks beside them.
 */
class BenchHtmlChromiumTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    static Path dir;
    static Path page;

    @BeforeAll
    static void writePage() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM),
                "this test renders HTML in Debian's chromium: apt-get install -y --no-install-recommends chromium");
        List<ModeResult> modes = BenchMath.fetch(List.of(
                samples("sequential", 2_000, 1, 100),
                samples("threads", 500, 5, 100),
                samples("reactive", 250, 10, 100),
                ModeSamples.skipped("pods", "UNIMPLEMENTED: FETCH_MODE_PODS is not implemented yet")), 20, TutorialPreset.FETCH_PYTHON_S);
        BenchReport report = new BenchReport("tutorial", 1, 3, List.of(new SuiteResult("fetch", "sequential",
                "20 URLs <of> the origin & more", "ceil(URLs / concurrency) x latency", modes)), new Overhead(200, 310, 900, 420, 1_100),
                List.of("a note"));
        page = dir.resolve("bench.html");
        Files.writeString(page, BenchHtml.render(report));
    }

    private static ModeSamples samples(String mode, double ms, int parallelism, double latency) {
        return new ModeSamples(mode, new double[] { ms * 0.98, ms, ms * 1.02 }, new double[] { ms + 1, ms + 2, ms + 3 },
                parallelism, 0, latency, null);
    }

    private static String chromium(String... action) throws Exception {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory(dir, "profile"), "--hide-scrollbars",
                "--force-device-scale-factor=1", "--window-size=1000,1000"));
        command.addAll(List.of(action));
        command.add(page.toUri().toString());
        Process process = new ProcessBuilder(command).redirectError(dir.resolve("chromium.log").toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, process.exitValue(), () -> "chromium failed: " + read(dir.resolve("chromium.log")));
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void theBrowserBuildsTheChartAndTable() throws Exception {
        String dom = chromium("--dump-dom");
        assertEquals(3, dom.split("class=\"bar\"", -1).length - 1, dom);
        assertEquals(3, dom.split("class=\"ideal\"", -1).length - 1, dom);
        assertTrue(dom.contains("skipped: UNIMPLEMENTED: FETCH_MODE_PODS is not implemented yet"), dom);
        assertTrue(dom.contains("20 URLs &lt;of&gt; the origin &amp; more"), "text is escaped:\n" + dom);
        assertTrue(dom.contains("<td>4.00x</td>") && dom.contains("<td>8.00x</td>"), dom);
        assertTrue(dom.contains("<td>6.10</td>"), "the tutorial's Python time beside threads:\n" + dom);
    }

    @Test
    void theScreenshotShowsBarsInProportionWithTheIdealMarked() throws Exception {
        Path shot = dir.resolve("shot.png");
        chromium("--screenshot=" + shot);
        BufferedImage image = ImageIO.read(shot.toFile());
        // Bars: bands of the bar colour wider than the legend's square.
        List<Band> bars = bands(image, BenchHtml.BAR_COLOR).stream().filter(b -> b.widest() >= 20).toList();
        // Scale: the largest of max and ideal, sequential's 2040 ms, over 520 px.
        double pxPerMs = 520 / 2_040.0;
        assertEquals(3, bars.size(), "bars found: " + bars);
        assertEquals(2_000 * pxPerMs, bars.get(0).widest(), 6);
        // threads' and reactive's ideal marks (400 ms, 200 ms) sit inside their bars and hide 3 px of each.
        assertEquals(500 * pxPerMs - 3, bars.get(1).widest(), 6);
        assertEquals(250 * pxPerMs - 3, bars.get(2).widest(), 6);
        // One ideal mark across each bar (the marks reach 4 px above and below it).
        for (Band bar : bars) {
            assertEquals(1, bands(image, BenchHtml.IDEAL_COLOR).stream()
                    .filter(mark -> mark.top() < bar.top() && mark.bottom() > bar.bottom()).count(), "ideal mark of " + bar);
        }
    }

    /** A horizontal band of rows containing a colour, and the most pixels of it on one row. */
    record Band(int top, int bottom, int widest) {
    }

    private static List<Band> bands(BufferedImage image, String color) {
        int rgb = Integer.parseInt(color.substring(1), 16);
        List<Band> bands = new ArrayList<>();
        int top = -1;
        int widest = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            int count = 0;
            for (int x = 0; x < image.getWidth(); x++) {
                if (close(image.getRGB(x, y) & 0xffffff, rgb)) {
                    count++;
                }
            }
            if (count >= 2) {
                top = top < 0 ? y : top;
                widest = Math.max(widest, count);
            } else if (top >= 0) {
                bands.add(new Band(top, y - 1, widest));
                top = -1;
                widest = 0;
            }
        }
        return bands;
    }

    private static boolean close(int a, int b) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)) > 3) {
                return false;
            }
        }
        return true;
    }
}
