package dev.fanout.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappingInterface;
import io.smallrye.config.ConfigMappings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/settings.md against the code: every property of every {@code @ConfigMapping} the services read
 * has a row, with the default the mapping states. The mappings are found on the classpath (the
 * services' own classes, see this module's pom) and read with SmallRye Config's own metadata, so
 * names come out as the services read them ({@code @WithName}, nested groups, kebab case) and a new
 * property or a new mapping needs no change here: only its row in docs/settings.md.
 */
class SettingsReferenceTest {

    private static final Path SETTINGS = Readme.DOCS.resolve("settings.md");
    /** The default cell of a property that has none and may be left out. */
    private static final String UNSET = "unset";
    /** The default cell of a property that has none and must be set. */
    private static final String REQUIRED = "required";
    /** A table row naming a property: {@code | `fanout.x.y` | default | what it does |}. */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`(fanout\\.[^`]+)`\\s*\\|\\s*([^|]*?)\\s*\\|");
    /** How SmallRye names a mapping's class in its constant pool: a cheap look before loading it. */
    private static final byte[] MAPPING_ANNOTATION = "Lio/smallrye/config/ConfigMapping;".getBytes(StandardCharsets.UTF_8);

    @Test
    void everySettingHasARowWithItsDefault() {
        List<Class<?>> mappings = mappings();
        SortedMap<String, String> code = new TreeMap<>();
        mappings.forEach(mapping -> code.putAll(defaults(mapping)));
        Set<String> prefixes = new TreeSet<>(mappings.stream().map(mapping -> mapping.getAnnotation(ConfigMapping.class).prefix()).toList());
        Map<String, String> documented = rows();

        List<String> problems = new ArrayList<>();
        code.forEach((property, expected) -> {
            String row = "| `" + property + "` | " + expected + " | what it does |";
            String stated = documented.get(property);
            if (stated == null) {
                problems.add("no row for " + property + ": add " + row);
            } else if (!stated.equals(expected)) {
                problems.add(property + " states the default " + stated + ", the code's is " + expected + ": write " + row);
            }
        });
        documented.keySet().stream()
                .filter(property -> prefixes.stream().anyMatch(prefix -> property.startsWith(prefix + ".")))
                .filter(property -> !code.containsKey(property))
                .forEach(property -> problems.add(property + " is not a property of any @ConfigMapping (" + prefixes + "): remove its row or fix its name"));
        assertTrue(problems.isEmpty(), () -> "docs/settings.md against the @ConfigMappings " + mappings.stream().map(Class::getSimpleName).toList()
                + ":\n" + String.join("\n", problems));
    }

    @Test
    void theServicesMappingsAreOnTheClasspath() {
        List<String> prefixes = mappings().stream().map(mapping -> mapping.getAnnotation(ConfigMapping.class).prefix()).toList();
        assertTrue(prefixes.containsAll(List.of("fanout.compute", "fanout.fetcher")), "mappings found: " + prefixes);
    }

    /** Property -> its default cell, as docs/settings.md must state it. */
    private static SortedMap<String, String> defaults(Class<?> mapping) {
        String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
        SortedMap<String, String> defaults = new TreeMap<>();
        ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(mapping, prefix)).forEach((name, property) -> {
            // A list is also readable by index (name[0], ...): one row covers both.
            if (!name.contains("[*]") && !property.isDefaultMethod()) {
                defaults.put(name, property.hasDefaultValue() ? "`" + property.getDefaultValue() + "`" : mayBeUnset(property) ? UNSET : REQUIRED);
            }
        });
        return defaults;
    }

    private static boolean mayBeUnset(ConfigMappingInterface.Property property) {
        Class<?> type = property.getMethod().getReturnType();
        return Stream.of(Optional.class, OptionalInt.class, OptionalLong.class, OptionalDouble.class, Collection.class, Map.class)
                .anyMatch(kind -> kind.isAssignableFrom(type));
    }

    /** The property rows of docs/settings.md: property -> its default cell. */
    private static Map<String, String> rows() {
        Map<String, String> rows = new TreeMap<>();
        for (String line : Readme.prose(SETTINGS)) {
            Matcher row = ROW.matcher(line);
            if (row.find() && rows.put(row.group(1), row.group(2)) != null) {
                throw new AssertionError("docs/settings.md has two rows for " + row.group(1));
            }
        }
        return rows;
    }

    /** Every {@code @ConfigMapping} interface under dev.fanout on the classpath. */
    private static List<Class<?>> mappings() {
        ClassLoader loader = SettingsReferenceTest.class.getClassLoader();
        List<Class<?>> mappings = new ArrayList<>();
        try {
            for (URL root : Collections.list(loader.getResources("dev/fanout"))) {
                walk(root, (name, bytes) -> {
                    if (contains(bytes, MAPPING_ANNOTATION)) {
                        Class<?> type = Class.forName(name, false, loader);
                        if (type.isAnnotationPresent(ConfigMapping.class)) {
                            mappings.add(type);
                        }
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return mappings;
    }

    private interface ClassFileVisitor {
        void visit(String className, byte[] bytes) throws ClassNotFoundException;
    }

    /** Visits every class file under {@code root} (dev/fanout in a directory or a jar). */
    private static void walk(URL root, ClassFileVisitor visitor) throws IOException {
        try {
            if (root.getProtocol().equals("jar")) {
                String spec = root.getPath();
                Path jar = Path.of(URI.create(spec.substring(0, spec.indexOf("!/"))));
                try (FileSystem zip = FileSystems.newFileSystem(jar)) {
                    visitAll(zip.getPath("/dev/fanout"), visitor);
                }
            } else {
                visitAll(Path.of(root.toURI()), visitor);
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(root + " is not a file or jar location", e);
        }
    }

    private static void visitAll(Path dir, ClassFileVisitor visitor) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(file -> file.toString().endsWith(".class")).toList()) {
                StringBuilder name = new StringBuilder("dev.fanout");
                dir.relativize(file).forEach(part -> name.append('.').append(part));
                try {
                    visitor.visit(name.substring(0, name.length() - ".class".length()), Files.readAllBytes(file));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(file + " is on the classpath but cannot be loaded", e);
                }
            }
        }
    }

    private static boolean contains(byte[] bytes, byte[] part) {
        outer: for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
