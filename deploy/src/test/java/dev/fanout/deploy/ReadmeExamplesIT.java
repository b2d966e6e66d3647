package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fanout.runtime.testing.ReflectionProbe;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example of the documentation, taken from README.md and docs/*.md themselves, runs as shown
 * against the main job's {@code bin/fanout-local-topology --hold}: each {@code bin/fanout ...} command
 * line (continuations and pipes included) through bash from the repository root, exit 0, and its output holds the value its
 * trailing comment shows when that comment is one word (e.g. {@code # 333333328333333350000000}).
 * grpcurl cannot be installed here: its examples go to a client that knows nothing but server
 * reflection, as grpcurl does, with the address, method and {@code -d} JSON of the page's text; the
 * answer holds every {@code "field": value} the page shows beside it, and {@code list} lists exactly
 * the services shown below it.
 */
class ReadmeExamplesIT {

    /** A section (a page's heading, and everything under it) whose commands cannot run against the local topology. */
    private record Excluded(String page, String heading, String why) {

        boolean holds(Readme.Example example) {
            return example.page().equals(page) && example.under(heading);
        }
    }

    /** The sections whose commands cannot run here, with why; all others must. */
    private static final List<Excluded> EXCLUDED = List.of(
            new Excluded("README.md", "The two commands", "the main job and the test command themselves: MainJobIT runs the main job, CI runs ./mvnw verify"),
            new Excluded("README.md", "Deploy to Kubernetes", "needs a cluster and kubectl port-forward; the deploy module's other tests check the manifests"),
            new Excluded("docs/cli.md", "Native executable", "needs GraalVM or Mandrel for JDK 25, which cannot be installed on these machines"),
            new Excluded("docs/kubernetes.md", "Kubernetes", "the page's commands need a cluster, docker and kubectl port-forward (the deploy module's other tests"
                    + " check the manifests), or start the topology these examples run against (MainJobIT and TopologyIT run the script)"));

    private static final Path RUN_DIR = Kustomize.DEPLOY.resolve("target/readme-examples-it");
    private static final long EXAMPLE_TIMEOUT_MINUTES = 5;
    /** A {@code "field": value} pair of an answer a page shows (strings, numbers, booleans, enum names). */
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?|true|false)");
    private static final Pattern URL_HOST = Pattern.compile("https?://([^/:\\s]+)");

    private static LocalTopology topology;

    /** The files at the repository's root before the examples ran: what the examples add is removed after. */
    private static Set<Path> rootFilesBefore;

    @BeforeAll
    static void startTheTopology() throws IOException, InterruptedException {
        rootFilesBefore = filesAtTheRoot();
        topology = LocalTopology.hold(RUN_DIR.resolve("topology"));
    }

    @AfterAll
    static void stopTheTopology() throws IOException, InterruptedException {
        if (topology != null) {
            topology.close();
        }
        // Files the examples wrote (compute.csv, bench.json, ...), so the working tree stays clean. They
        // stay until the end, as they do for a user: a later example may read an earlier one's file
        // (--baseline bench.json).
        Set<Path> created = filesAtTheRoot();
        created.removeAll(rootFilesBefore);
        for (Path file : created) {
            Files.delete(file);
        }
    }

    private static boolean excluded(Readme.Example example) {
        return EXCLUDED.stream().anyMatch(section -> section.holds(example));
    }

    private static boolean isCli(Readme.Example example) {
        // A word, or inside one: source <(bin/fanout completion bash)
        return example.words().stream().anyMatch(word -> word.equals("bin/fanout") || word.contains("(bin/fanout"));
    }

    private static boolean isGrpcurl(Readme.Example example) {
        return example.words().getFirst().equals("grpcurl");
    }

    @Test
    void theDocsHaveTheExamplesThisTestRuns() {
        List<Readme.Example> examples = Readme.examples();
        for (Excluded section : EXCLUDED) {
            assertTrue(examples.stream().anyMatch(section::holds), section.page() + " still has a section \"" + section.heading() + "\" with commands");
        }
        List<Readme.Example> runnable = examples.stream().filter(example -> !excluded(example)).toList();
        assertTrue(runnable.stream().filter(ReadmeExamplesIT::isCli).count() >= 8, "bin/fanout examples found: " + runnable);
        assertTrue(runnable.stream().filter(ReadmeExamplesIT::isGrpcurl).count() >= 6, "grpcurl examples found: " + runnable);
        assertTrue(runnable.stream().anyMatch(example -> example.text().contains("| bin/fanout") && example.text().contains("\\\n")),
                "the piped, continued example is read as one command");
        for (Readme.Example example : runnable) {
            assertTrue(isCli(example) || isGrpcurl(example), example + ": neither a bin/fanout nor a grpcurl example; make it one,"
                    + " or exclude its section here with the reason");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExampleRunsAsShown() {
        return Readme.examples().stream()
                .filter(example -> !excluded(example) && (isCli(example) || isGrpcurl(example)))
                .map(example -> DynamicTest.dynamicTest(example.toString(),
                        () -> {
                            assertOnlyLoopback(example);
                            if (isCli(example)) {
                                runThroughBash(example);
                            } else {
                                runAsGrpcurl(example);
                            }
                        }));
    }

    /** Tests talk to 127.0.0.0/8 only: every URL of an example must be there. */
    private static void assertOnlyLoopback(Readme.Example example) throws IOException {
        Matcher url = URL_HOST.matcher(example.text());
        while (url.find()) {
            assertTrue(InetAddress.getByName(url.group(1)).isLoopbackAddress(), example + " fetches " + url.group() + ", not loopback");
        }
    }

    private static void runThroughBash(Readme.Example example) throws IOException, InterruptedException {
        Files.createDirectories(RUN_DIR);
        Path output = RUN_DIR.resolve("example-" + example.page().replace('/', '-') + "-" + example.line() + ".out");
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", example.text())
                .directory(Readme.ROOT.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        // A user's shell: bin/fanout's default addresses are the topology's.
        bash.environment().remove("FANOUT_COMPUTE");
        bash.environment().remove("FANOUT_FETCHER");
        Process process = bash.start();
        if (!process.waitFor(EXAMPLE_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(example + " still running after " + EXAMPLE_TIMEOUT_MINUTES + " min:\n" + Files.readString(output));
        }
        String printed = Files.readString(output);
        assertEquals(0, process.exitValue(), example + " printed:\n" + printed);
        String shown = example.trailingComment();
        if (!shown.isEmpty() && !shown.contains(" ")) {
            assertTrue(printed.contains(shown), example + " shows " + shown + ", but printed:\n" + printed);
        }
    }

    private static Set<Path> filesAtTheRoot() throws IOException {
        try (Stream<Path> files = Files.list(Readme.ROOT)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** grpcurl -plaintext [-d JSON] HOST:PORT (list | describe SYMBOL | package.Service/Method). */
    private static void runAsGrpcurl(Readme.Example example) throws IOException {
        List<String> words = example.words();
        int at = 1;
        boolean plaintext = false;
        String data = "{}";
        for (; words.get(at).startsWith("-"); at++) {
            switch (words.get(at)) {
                case "-plaintext" -> plaintext = true;
                case "-d" -> data = words.get(++at);
                default -> fail(example + ": this grpcurl stand-in knows -plaintext and -d only, not " + words.get(at));
            }
        }
        assertTrue(plaintext, example + ": the local services are plaintext");
        String address = words.get(at++);
        String host = address.substring(0, address.lastIndexOf(':'));
        assertTrue(InetAddress.getByName(host).isLoopbackAddress(), example + " calls " + address + ", not loopback");
        List<String> rest = words.subList(at, words.size());
        ManagedChannel channel = Grpc.newChannelBuilder(address, InsecureChannelCredentials.create()).build();
        try {
            ReflectionProbe grpcurl = new ReflectionProbe(channel);
            if (rest.equals(List.of("list"))) {
                List<String> services = grpcurl.listServices();
                if (!example.commentLines().isEmpty()) {
                    assertEquals(new TreeSet<>(example.commentLines()), new TreeSet<>(services), example + ": the services listed");
                }
            } else if (rest.size() == 2 && rest.getFirst().equals("describe")) {
                assertEquals(rest.get(1), grpcurl.describe(rest.get(1)).getFullName());
            } else if (rest.size() == 1 && rest.getFirst().contains("/")) {
                String answer = String.join("\n", grpcurl.call(rest.getFirst(), data));
                List<String> shown = fieldsShown(example);
                for (String field : shown) {
                    assertTrue(answer.contains(field), example + " shows " + field + ", the answer was " + answer);
                }
            } else {
                fail(example + ": not a grpcurl command this stand-in knows (list, describe SYMBOL, or a method)");
            }
        } finally {
            channel.shutdownNow();
        }
    }

    /** The fields of the answer the page shows beside or below a grpcurl call, as compact JSON ({@code "sum":"3"}). */
    private static List<String> fieldsShown(Readme.Example example) {
        List<String> comments = new ArrayList<>(example.commentLines());
        comments.add(example.trailingComment());
        List<String> fields = new ArrayList<>();
        for (String comment : comments) {
            Matcher field = FIELD.matcher(comment);
            while (field.find()) {
                fields.add("\"" + field.group(1) + "\":" + field.group(2));
            }
        }
        assertFalse(comments.stream().anyMatch(comment -> !comment.isEmpty()) && fields.isEmpty(),
                example + ": its comments show no \"field\": value this test can check");
        return fields;
    }
}
