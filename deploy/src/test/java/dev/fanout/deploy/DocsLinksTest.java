package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The documentation holds together: every relative link of README.md and docs/*.md reaches a file of
 * the repository, and every {@code #anchor} a heading of its page, by GitHub's rules for heading
 * anchors; and the README stays a front page.
 */
class DocsLinksTest {

    /** The README is what a newcomer reads first: the reference lives in docs/. */
    private static final int FRONT_PAGE_LINES = 300;
    /** An inline link or image, {@code [text](target)} or {@code [text](target "title")}. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+?)#*\\s*$");
    private static final Pattern INLINE_LINK_TEXT = Pattern.compile("\\[([^\\]]*)\\]\\([^)]*\\)");

    @Test
    void everyRelativeLinkAndAnchorResolves() {
        List<String> broken = new ArrayList<>();
        Map<Path, Set<String>> anchors = new HashMap<>();
        int checked = 0;
        for (Path page : Readme.pages()) {
            List<String> prose = Readme.prose(page);
            for (int i = 0; i < prose.size(); i++) {
                Matcher link = LINK.matcher(CODE_SPAN.matcher(prose.get(i)).replaceAll(""));
                while (link.find()) {
                    String target = link.group(1);
                    if (target.matches("[a-z][a-z0-9+.-]*:.*")) {
                        continue; // https:, mailto:: not this repository's
                    }
                    checked++;
                    int hash = target.indexOf('#');
                    String path = hash < 0 ? target : target.substring(0, hash);
                    Path file = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
                    String where = Readme.name(page) + ":" + (i + 1) + " links to " + target;
                    if (!file.startsWith(Readme.ROOT) || !Files.exists(file)) {
                        broken.add(where + ": no such file");
                    } else if (hash >= 0) {
                        String anchor = target.substring(hash + 1);
                        Set<String> known = anchors.computeIfAbsent(file, DocsLinksTest::anchors);
                        if (!known.contains(anchor)) {
                            broken.add(where + ": " + Readme.name(file) + " has no heading #" + anchor + " (its anchors: " + known + ")");
                        }
                    }
                }
            }
        }
        assertTrue(checked > 20, "relative links found: " + checked);
        assertTrue(broken.isEmpty(), () -> "broken links:\n" + String.join("\n", broken));
    }

    @Test
    void theReadmeIsAFrontPage() {
        int lines = Readme.lines(Readme.FILE).size();
        assertTrue(lines <= FRONT_PAGE_LINES, "README.md has " + lines + " lines, over " + FRONT_PAGE_LINES
                + ": move the reference into docs/ and link to it");
    }

    @Test
    void headingsGetGitHubsAnchors() {
        assertEquals("6-tls-and-mutual-tls", slug("6. TLS and mutual TLS"));
        assertEquals("fanout-bench-every-mode-side-by-side-against-the-ideal", slug("`fanout bench`: every mode side by side, against the ideal"));
        assertEquals("fetcher-service-port-8082-io-bound", slug("fetcher-service (port 8082): I/O-bound"));
        assertEquals("the-clients-start-up", slug("The client's start-up"));
        assertEquals("compute-cpu-bound", slug("Compute: CPU-bound"));
    }

    /** The anchors GitHub gives a Markdown file's headings; a repeated heading's get -1, -2, ... */
    private static Set<String> anchors(Path file) {
        Set<String> anchors = new LinkedHashSet<>();
        if (!file.toString().endsWith(".md")) {
            return anchors;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (String line : Readme.prose(file)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int repeats = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(repeats == 0 ? slug : slug + "-" + repeats);
            }
        }
        return anchors;
    }

    /**
     * GitHub's anchor for a heading (github-slugger): the heading's text as rendered (code spans and
     * links by their text), lower-cased, every character dropped but letters, digits, {@code _},
     * {@code -} and spaces, and each space a {@code -}.
     */
    static String slug(String heading) {
        String text = INLINE_LINK_TEXT.matcher(heading).replaceAll("$1").replace("`", "").replace("*", "");
        return text.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "").replace(' ', '-');
    }
}
