package dev.fanout.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fanout.cli.bench.BenchMath;
import dev.fanout.cli.bench.BenchReport;
import dev.fanout.cli.bench.ModeResult;
import dev.fanout.cli.bench.ModeSamples;
import dev.fanout.cli.bench.Overhead;
import dev.fanout.cli.bench.SuiteResult;
import dev.fanout.cli.bench.SweepResult;
import dev.fanout.cli.bench.TutorialPreset;

/**
 * Renders bench pages in headless Chromium (the first of {@link #BROWSERS} on the PATH, or
 * {@code $FANOUT_CHROMIUM}) at 800 and 1600 px and checks what it laid out, measured in the browser:
 * a script added to a copy of the page writes every chart element's box (getBoundingClientRect) into the DOM, which --dump-dom
 * returns. Two pages: the tutorial preset (one mode dwarfs the others, Python timings beside: a log
 * axis) and a plain run (a linear axis from 0). Screenshots of both widths are kept in target/ for a
 * person to look at.
 * <p>
 * A machine without a browser skips these tests with one line on the build's output saying how to run
 * them, so {@code ./mvnw verify} passes on a fresh machine; CI installs Chromium and sets
 * {@code FANOUT_REQUIRE_BROWSER=1}, which makes a missing browser a failure there.
 */
class BenchHtmlChromiumTest {
    /** The names Chromium's builds install under, in the order they are tried. */
    private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
    private static final String NOT_FOUND = "no Chromium found (" + String.join(", ", BROWSERS)
            + " on the PATH, or FANOUT_CHROMIUM=/path/to/chromium)";
    private static final String INSTALL = "apt-get install -y --no-install-recommends chromium";
    private static final String HOW_TO_RUN = "BenchHtmlChromiumTest skipped: " + NOT_FOUND + ". To run it: " + INSTALL
            + " (CI does, and sets FANOUT_REQUIRE_BROWSER=1 to fail without one)";
    private static final Path SCREENSHOTS = Path.of("target", "bench-html");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the browser drew, box by box; the test's own addition to a copy of the page. */
    private static final String MEASURE = """
            <script>
            (function () {
              const box = e => { const r = e.getBoundingClientRect(); return { l: r.left, r: r.right, t: r.top, b: r.bottom }; };
              const charts = [...document.querySelectorAll('svg.chart')].map(svg => ({
                scale: svg.dataset.scale, box: box(svg),
                items: [...svg.querySelectorAll('text, rect[class], circle[class]')].map(e => ({
                  cls: e.getAttribute('class') || '', text: e.tagName === 'text' ? e.textContent : '',
                  data: Object.assign({}, e.dataset), box: box(e) }))
              }));
              const pre = document.createElement('pre');
              pre.id = 'measure';
              pre.textContent = JSON.stringify({ viewport: document.documentElement.clientWidth,
                scrollWidth: document.documentElement.scrollWidth, charts: charts });
              document.body.appendChild(pre);
            })();
            </script>
            """;

    /** The browser found, or null: then every test is skipped (or, in CI, the class fails). */
    private static Path chromium;
    @TempDir
    static Path dir;
    static Path tutorial;
    static Path plain;
    static Path sweep;
    /** The fetch sweep's values: the example. */
    static final int[] CONCURRENCY = { 1, 2, 5, 10, 20, 50 };

    /** 20 URLs of 100 ms: each concurrent mode a little short of Little's law, pods skipped. */
    private static SweepResult fetchSweep() {
        List<SweepResult.SweepPoint> points = new ArrayList<>();
        for (int c : CONCURRENCY) {
            double waves = Math.ceil(20.0 / c);
            List<ModeResult> modes = BenchMath.fetch(List.of(
                    samples("sequential", 2_000, 1, 100),
                    samples("threads", waves * 100 * 1.10, c, 100),
                    samples("virtual-threads", waves * 100 * 1.05, c, 100),
                    samples("reactive", waves * 100 * 1.02 + 5, c, 100),
                    ModeSamples.skipped("pods", "UNIMPLEMENTED: FETCH_MODE_PODS is not implemented yet")), 20, java.util.Map.of());
            points.add(new SweepResult.SweepPoint(c, BenchMath.fetchIdealSpeedup(20, c),
                    new SuiteResult("fetch", "sequential", "20 URLs; concurrency " + c, "rule", modes)));
        }
        return new SweepResult("fetch", "sequential", "concurrency", "20 URLs", "URLs / ceil(URLs / concurrency)", points);
    }

    /** Parts 1..8 on two cores: cores levels off at 2x. */
    private static SweepResult computeSweep() {
        List<SweepResult.SweepPoint> points = new ArrayList<>();
        for (int parts : new int[] { 1, 2, 4, 8 }) {
            int used = Math.min(parts, 2);
            List<ModeResult> modes = BenchMath.compute(List.of(
                    samples("single", 400, 1, Double.NaN),
                    samples("cores", 400.0 / used * 1.05, used, Double.NaN)), java.util.Map.of());
            points.add(new SweepResult.SweepPoint(parts, BenchMath.computeIdealSpeedup(parts, used),
                    new SuiteResult("compute", "single", parts + " parts", "rule", modes)));
        }
        return new SweepResult("compute", "single", "parts", "range [0, 1000)", "single / min(parts, parallelism)", points);
    }

    @BeforeAll
    static void writePages() throws IOException {
        chromium = findChromium().orElse(null);
        if (chromium == null) {
            if (required()) {
                fail("FANOUT_REQUIRE_BROWSER is set (as in CI), and " + NOT_FOUND + ": " + INSTALL);
            }
            // Surefire counts the skipped tests without their reason: this line is the one a person reads.
            System.out.println(HOW_TO_RUN);
        }
        // The tutorial's shape: pods (195 ms) against cores (12 ms), Python's seconds beside single and cores.
        List<ModeResult> compute = BenchMath.compute(List.of(
                samples("single", 26, 1, Double.NaN),
                samples("cores", 12, 2, Double.NaN),
                samples("pods", 195, 4, Double.NaN)), TutorialPreset.PYTHON.compute());
        List<ModeResult> fetch = BenchMath.fetch(List.of(
                samples("sequential", 10_100, 1, 500),
                samples("threads", 2_050, 5, 500),
                samples("virtual-threads", 2_040, 5, 500),
                samples("reactive", 2_030, 5, 500),
                ModeSamples.skipped("pods", "UNIMPLEMENTED: FETCH_MODE_PODS is not implemented yet")), 20, TutorialPreset.PYTHON.fetch());
        tutorial = write("tutorial.html", new BenchReport("tutorial", 1, 3, List.of(
                new SuiteResult("compute", "single", "range [0, 100000000)", "single's median / parallelism", compute),
                new SuiteResult("fetch", "sequential", "20 URLs <of> the origin & more", "ceil(URLs / concurrency) x latency", fetch)),
                List.of(), new Overhead(200, 310, 900, 420, 1_100), List.of("a note")));
        List<ModeResult> linear = BenchMath.fetch(List.of(
                samples("sequential", 2_000, 1, 100),
                samples("threads", 500, 5, 100),
                samples("reactive", 250, 10, 100),
                ModeSamples.skipped("pods", "UNIMPLEMENTED: FETCH_MODE_PODS is not implemented yet")), 20, java.util.Map.of());
        plain = write("plain.html", new BenchReport(null, 1, 3, List.of(
                new SuiteResult("fetch", "sequential", "20 URLs", "ceil(URLs / concurrency) x latency", linear)), List.of(), null, List.of()));
        sweep = write("sweep.html", new BenchReport(null, 1, 3, List.of(), List.of(fetchSweep(), computeSweep()), null, List.of()));
    }

    @BeforeEach
    void needsChromium() {
        Assumptions.assumeTrue(chromium != null, HOW_TO_RUN);
    }

    private static Optional<Path> findChromium() {
        String chosen = System.getenv("FANOUT_CHROMIUM");
        if (chosen != null && !chosen.isBlank()) {
            Path path = Path.of(chosen);
            assertTrue(Files.isExecutable(path), "FANOUT_CHROMIUM=" + chosen + " is not an executable file");
            return Optional.of(path);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return BROWSERS.stream()
                .flatMap(name -> Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static boolean required() {
        String value = System.getenv("FANOUT_REQUIRE_BROWSER");
        return value != null && !value.isBlank() && !value.equals("0") && !value.equalsIgnoreCase("false");
    }

    private static Path write(String name, BenchReport report) throws IOException {
        Path page = dir.resolve(name);
        Files.writeString(page, BenchHtml.render(report));
        return page;
    }

    private static ModeSamples samples(String mode, double ms, int parallelism, double latency) {
        return new ModeSamples(mode, new double[] { ms * 0.97, ms, ms * 1.04 }, new double[] { ms + 1, ms + 2, ms + 3 },
                parallelism, 0, Double.isNaN(latency) ? new double[0] : new double[] { latency }, null);
    }

    private static String chromium(Path page, int width, String... action) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory(dir, "profile"), "--hide-scrollbars",
                "--force-device-scale-factor=1", "--window-size=" + width + ",2400"));
        command.addAll(List.of(action));
        command.add(page.toUri().toString());
        Path log = Files.createTempFile(dir, "chromium", ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, process.exitValue(), () -> "chromium failed: " + read(log));
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The page as the browser laid it out at {@code width} px, measured by {@link #MEASURE}. */
    private static JsonNode measure(Path page, int width) throws Exception {
        Path measured = dir.resolve(width + "-" + page.getFileName());
        Files.writeString(measured, Files.readString(page).replace("</body>", MEASURE + "</body>"));
        String dom = chromium(measured, width, "--dump-dom");
        int start = dom.indexOf("<pre id=\"measure\">");
        assertTrue(start >= 0, "the measuring script did not run:\n" + dom);
        String json = dom.substring(start + "<pre id=\"measure\">".length(), dom.indexOf("</pre>", start));
        return JSON.readTree(json.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
    }

    record Box(String what, double l, double r, double t, double b) {
        static Box of(JsonNode item) {
            JsonNode box = item.get("box");
            return new Box(item.get("cls").asText() + " '" + item.get("text").asText() + "'", box.get("l").asDouble(),
                    box.get("r").asDouble(), box.get("t").asDouble(), box.get("b").asDouble());
        }

        double width() {
            return r - l;
        }

        double height() {
            return b - t;
        }

        boolean overlaps(Box o) {
            return Math.min(r, o.r) - Math.max(l, o.l) > 0.5 && Math.min(b, o.b) - Math.max(t, o.t) > 0.5;
        }

        boolean inside(Box o) {
            return l >= o.l - 0.5 && r <= o.r + 0.5 && t >= o.t - 0.5 && b <= o.b + 0.5;
        }
    }

    private static List<JsonNode> items(JsonNode chart, Predicate<String> cls) {
        List<JsonNode> items = new ArrayList<>();
        chart.get("items").forEach(i -> {
            if (cls.test(i.get("cls").asText())) {
                items.add(i);
            }
        });
        return items;
    }

    @ParameterizedTest
    @ValueSource(ints = { 800, 1600 })
    void noLabelIsCutOrOverlapsAnother(int width) throws Exception {
        for (Path page : List.of(tutorial, plain, sweep)) {
            JsonNode layout = measure(page, width);
            assertTrue(layout.get("scrollWidth").asInt() <= layout.get("viewport").asInt(),
                    () -> page.getFileName() + " scrolls sideways at " + width + " px: " + layout.get("scrollWidth"));
            for (JsonNode chart : layout.get("charts")) {
                Box svg = Box.of(JSON.createObjectNode().put("cls", "svg").put("text", "").set("box", chart.get("box")));
                assertTrue(svg.r() <= layout.get("viewport").asDouble() + 0.5, "the chart is wider than the window: " + svg);
                List<Box> labels = items(chart, c -> true).stream().filter(i -> !i.get("text").asText().isEmpty()).map(Box::of).toList();
                assertTrue(labels.size() > 10, labels::toString);
                for (Box label : labels) {
                    assertTrue(label.inside(svg), () -> label + " is cut at " + width + " px: chart " + svg);
                    assertTrue(label.width() > 0 && label.height() > 0, label::toString);
                }
                for (int i = 0; i < labels.size(); i++) {
                    for (int j = i + 1; j < labels.size(); j++) {
                        assertFalse(labels.get(i).overlaps(labels.get(j)), labels.get(i) + " overlaps " + labels.get(j) + " at " + width + " px");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 800, 1600 })
    void everyWhiskerHasCapsAndEveryBarSitsOnTheAxis(int width) throws Exception {
        for (Path page : List.of(tutorial, plain)) {
            for (JsonNode chart : measure(page, width).get("charts")) {
                List<JsonNode> bars = items(chart, "bar"::equals);
                List<JsonNode> whiskers = items(chart, "whisker"::equals);
                List<JsonNode> caps = items(chart, "cap"::equals);
                assertEquals(bars.size(), whiskers.size(), "a whisker per bar");
                assertEquals(2 * whiskers.size(), caps.size(), "two caps per whisker");
                for (JsonNode mark : concat(whiskers, caps)) {
                    Box box = Box.of(mark);
                    assertTrue(box.width() > 0 && box.height() > 0, () -> "not drawn: " + box);
                }
                for (JsonNode cap : caps) {
                    assertTrue(Box.of(cap).height() >= 10 * width / 1600.0, "caps stand out from the whisker: " + Box.of(cap));
                }
                // Round ticks with gridlines and labels, and every bar ending where its median falls on them.
                List<JsonNode> grid = items(chart, "grid"::equals);
                List<JsonNode> tickLabels = items(chart, "tick-label"::equals);
                assertTrue(grid.size() >= 4, "ticks: " + grid.size());
                assertEquals(grid.size(), tickLabels.size());
                boolean log = chart.get("scale").asText().equals("log");
                JsonNode first = grid.getFirst();
                JsonNode last = grid.getLast();
                for (JsonNode bar : bars) {
                    double median = bar.get("data").get("medianMs").asDouble();
                    double expected = position(first, last, median, log);
                    assertEquals(expected, Box.of(bar).r(), 1.5, "bar end of " + median + " ms on a " + chart.get("scale") + " axis");
                }
                for (JsonNode whisker : whiskers) {
                    Box box = Box.of(whisker);
                    assertEquals(position(first, last, whisker.get("data").get("minMs").asDouble(), log), box.l(), 1.5);
                    assertEquals(position(first, last, whisker.get("data").get("maxMs").asDouble(), log), box.r(), 1.5);
                }
            }
        }
    }

    private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
        List<JsonNode> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Where {@code ms} falls between the first and last gridline, as the browser placed them. */
    private static double position(JsonNode firstGrid, JsonNode lastGrid, double ms, boolean log) {
        double v0 = firstGrid.get("data").get("value").asDouble();
        double v1 = lastGrid.get("data").get("value").asDouble();
        double x0 = (Box.of(firstGrid).l() + Box.of(firstGrid).r()) / 2;
        double x1 = (Box.of(lastGrid).l() + Box.of(lastGrid).r()) / 2;
        double f = log ? (Math.log10(ms) - Math.log10(v0)) / (Math.log10(v1) - Math.log10(v0)) : (ms - v0) / (v1 - v0);
        return x0 + f * (x1 - x0);
    }

    @ParameterizedTest
    @ValueSource(ints = { 800, 1600 })
    void aSweepIsALinePerModeBesideTheIdealLine(int width) throws Exception {
        JsonNode charts = measure(sweep, width).get("charts");
        assertEquals(2, charts.size());
        JsonNode fetch = charts.get(0);
        // A dot per mode that ran at each value (pods never ran), each at its speedup on the y gridlines.
        List<JsonNode> dots = items(fetch, "dot"::equals);
        assertEquals(4 * CONCURRENCY.length, dots.size());
        List<JsonNode> grid = items(fetch, "grid"::equals);
        for (JsonNode dot : dots) {
            Box box = Box.of(dot);
            double speedup = dot.get("data").get("speedup").asDouble();
            assertEquals(yPosition(grid.getFirst(), grid.getLast(), speedup), (box.t() + box.b()) / 2, 1.5, "dot of " + speedup + "x");
        }
        // Log x: equal ratios of values take equal distances (1 -> 10 as far as 5 -> 50).
        List<JsonNode> xGrid = items(fetch, "x-grid"::equals);
        assertEquals(CONCURRENCY.length, xGrid.size());
        double x1 = centre(xGrid.get(0));
        double x5 = centre(xGrid.get(2));
        double x10 = centre(xGrid.get(3));
        double x50 = centre(xGrid.get(5));
        assertEquals(x10 - x1, x50 - x5, 1.5);
        assertEquals(CONCURRENCY.length, items(fetch, "x-label"::equals).size(), "every value labelled when there is room");
        // The ideal: Little's law reaches 20x at 20 and 50 in flight; the axis reaches it.
        assertEquals(20, grid.getLast().get("data").get("value").asDouble(), 0.001);
        String page = Files.readString(sweep);
        assertTrue(page.contains("class=\"ideal-line\""), "the ideal is drawn as a line");
        for (String mode : List.of("sequential", "threads", "virtual-threads", "reactive")) {
            assertTrue(page.contains("<g class=\"series\" data-mode=\"" + mode + "\">"), mode);
        }
        assertTrue(page.contains("pods skipped: UNIMPLEMENTED"), "the skipped mode is noted");
        assertEquals(2 * 4, items(charts.get(1), "dot"::equals).size(), "compute: single and cores at 4 part counts");
    }

    private static double centre(JsonNode rect) {
        Box box = Box.of(rect);
        return (box.l() + box.r()) / 2;
    }

    /** Where {@code value} falls between the lowest and highest horizontal gridline (y grows downwards). */
    private static double yPosition(JsonNode lowGrid, JsonNode highGrid, double value) {
        double v0 = lowGrid.get("data").get("value").asDouble();
        double v1 = highGrid.get("data").get("value").asDouble();
        double y0 = (Box.of(lowGrid).t() + Box.of(lowGrid).b()) / 2;
        double y1 = (Box.of(highGrid).t() + Box.of(highGrid).b()) / 2;
        return y0 + (value - v0) / (v1 - v0) * (y1 - y0);
    }

    @Test
    void oneModeDwarfingTheOthersTurnsTheAxisLogarithmicAndSaysSo() throws Exception {
        JsonNode tutorialCharts = measure(tutorial, 1600).get("charts");
        JsonNode compute = tutorialCharts.get(0);
        assertEquals("log", compute.get("scale").asText());
        assertTrue(items(compute, "axis-title"::equals).getFirst().get("text").asText().contains("log scale"));
        // On the log axis cores (12 ms) is no sliver beside pods (195 ms), nor beside Python's 11.48 s.
        List<Box> bars = items(compute, "bar"::equals).stream().map(Box::of).toList();
        assertTrue(bars.get(1).width() > 100 && bars.get(1).width() > bars.get(2).width() / 3, bars::toString);
        JsonNode linear = measure(plain, 1600).get("charts").get(0);
        assertEquals("linear", linear.get("scale").asText());
        assertEquals("0", items(linear, "tick-label"::equals).getFirst().get("text").asText());
        assertFalse(items(linear, "axis-title"::equals).getFirst().get("text").asText().contains("log"));
    }

    @Test
    void theTutorialsPythonTimingsAreDrawnBesideTheirModes() throws Exception {
        JsonNode charts = measure(tutorial, 800).get("charts");
        // compute: single and cores; fetch: sequential, threads, reactive and pods (skipped here, drawn for Python).
        assertEquals(2, items(charts.get(0), "python"::equals).size());
        assertEquals(4, items(charts.get(1), "python"::equals).size());
        for (JsonNode chart : charts) {
            for (JsonNode python : items(chart, "python"::equals)) {
                assertTrue(Box.of(python).width() > 0 && Box.of(python).height() > 0, Box.of(python).toString());
            }
            assertTrue(items(chart, "python-value"::equals).stream().allMatch(t -> t.get("text").asText().matches("Python \\d+\\.\\d\\d s")));
        }
        String page = Files.readString(tutorial);
        assertTrue(page.contains("the tutorial's Python timing"), "the legend names the Python bars");
        assertFalse(Files.readString(plain).contains("Python"), "no Python without the preset");
    }

    @Test
    void thePageIsSelfContainedAndTheTableHasTheNumbers() throws Exception {
        String dom = chromium(tutorial, 1600, "--dump-dom");
        assertTrue(dom.contains("skipped: UNIMPLEMENTED: FETCH_MODE_PODS is not implemented yet"), dom);
        assertTrue(dom.contains("20 URLs &lt;of&gt; the origin &amp; more"), "text is escaped:\n" + dom);
        assertTrue(dom.contains("<td>6.10</td>"), "the tutorial's Python time beside threads:\n" + dom);
        assertFalse(dom.contains("<script") || dom.contains("src=\"http") || dom.contains("href=\"http"), "nothing loaded from elsewhere");
        assertFalse(dom.matches("(?s).*<svg[^>]*class=\"chart\"[^>]* width=.*"), "no fixed chart width");
    }

    @ParameterizedTest
    @ValueSource(ints = { 800, 1600 })
    void theScreenshotShowsEveryBarInItsColours(int width) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        for (Path page : List.of(tutorial, plain)) {
            Path shot = SCREENSHOTS.resolve(page.getFileName().toString().replace(".html", "-" + width + ".png")).toAbsolutePath();
            chromium(page, width, "--screenshot=" + shot);
            BufferedImage image = ImageIO.read(shot.toFile());
            int bars = page == tutorial ? 3 + 4 : 3;
            // Bands of rows holding the bar colour, wider than the legend's swatch.
            assertEquals(bars, bands(image, BenchHtml.BAR_COLOR, 30).size(), "bars in " + shot);
            assertEquals(bars, bands(image, BenchHtml.IDEAL_COLOR, 2).stream().filter(b -> b.bottom() - b.top() >= 15).count(),
                    "an ideal mark across each bar in " + shot);
            if (page == tutorial) {
                assertTrue(bands(image, BenchHtml.PYTHON_COLOR, 30).size() >= 6, "the hatched Python bars in " + shot);
            }
        }
    }

    /** A horizontal band of rows containing a colour, and the most pixels of it on one row. */
    record Band(int top, int bottom, int widest) {
    }

    private static List<Band> bands(BufferedImage image, String color, int minWidest) {
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
        return bands.stream().filter(b -> b.widest() >= minWidest).toList();
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
