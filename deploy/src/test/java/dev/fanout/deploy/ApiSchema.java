package dev.fanout.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Offline validation against the Kubernetes API schema: every document is read into the typed
 * fabric8 model of its apiVersion and kind (unknown kinds fail), any field the API type does not
 * declare fails, and so does a scalar of the wrong type (a quoted "8081" where the API wants an
 * integer). fabric8 is lenient on both counts: it keeps undeclared fields in
 * {@code additionalProperties} and Jackson converts scalars, so this walks the typed object for the
 * former and compares the document with the typed object written back for the latter.
 */
final class ApiSchema {

    // The Kubernetes API types and those of extensions such as cert-manager (io.fabric8.certmanager.api.model).
    private static final String MODEL_PACKAGE = "io.fabric8.";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final YAMLMapper YAML = new YAMLMapper();

    private ApiSchema() {
    }

    /** The typed objects of a multi-document YAML stream; throws naming every violation. */
    static List<HasMetadata> read(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isEmpty()) {
                    continue;
                }
                String where = document.path("kind").asText() + "/" + document.path("metadata").path("name").asText();
                Class<? extends KubernetesResource> type = SERIALIZATION.getRegisteredKubernetesResource(
                        document.path("apiVersion").asText(), document.path("kind").asText());
                if (type == null || !HasMetadata.class.isAssignableFrom(type)) {
                    violations.add(where + ": no API type " + document.path("apiVersion").asText() + " " + document.path("kind").asText());
                    continue;
                }
                try {
                    HasMetadata object = (HasMetadata) SERIALIZATION.convertValue(document, type);
                    collectUndeclared(object, where, violations);
                    collectCoerced(document, SERIALIZATION.convertValue(object, JsonNode.class), where, violations);
                    objects.add(object);
                } catch (IllegalArgumentException e) {
                    violations.add(where + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("not YAML: " + e.getMessage(), e);
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("objects the Kubernetes API would reject:\n  " + String.join("\n  ", violations));
        }
        return objects;
    }

    /** Scalars whose JSON type changed on the way through the API type: Jackson converted them. */
    private static void collectCoerced(JsonNode written, JsonNode typed, String path, List<String> violations) {
        if (written.isObject()) {
            written.properties().forEach(field -> {
                JsonNode typedValue = typed.get(field.getKey());
                if (typedValue != null) {
                    collectCoerced(field.getValue(), typedValue, path + "." + field.getKey(), violations);
                }
            });
        } else if (written.isArray() && typed.isArray()) {
            for (int i = 0; i < written.size() && i < typed.size(); i++) {
                collectCoerced(written.get(i), typed.get(i), path + "[" + i + "]", violations);
            }
        } else if (written.getNodeType() != typed.getNodeType() && !isNumericQuantity(written, path)) {
            violations.add(path + ": " + written + " is a " + written.getNodeType().name().toLowerCase()
                    + ", the API wants a " + typed.getNodeType().name().toLowerCase());
        }
    }

    /** Resource quantities are the one string type the API also takes as a bare number (cpu: 1). */
    private static boolean isNumericQuantity(JsonNode written, String path) {
        return written.isNumber() && path.contains(".resources.");
    }

    private static void collectUndeclared(Object value, String path, List<String> violations) {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUndeclared(item, path + "[" + i++ + "]", violations);
            }
            return;
        }
        if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, item) -> collectUndeclared(item, path + "[" + key + "]", violations));
            return;
        }
        if (value == null || !value.getClass().getName().startsWith(MODEL_PACKAGE)) {
            return;
        }
        for (Class<?> type = value.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                JsonProperty property = field.getAnnotation(JsonProperty.class);
                if (field.getName().equals("additionalProperties")) {
                    Map<?, ?> undeclared = (Map<?, ?>) read(field, value);
                    if (undeclared != null && !undeclared.isEmpty()) {
                        violations.add(path + ": unknown field(s) " + undeclared.keySet() + " in " + value.getClass().getSimpleName());
                    }
                } else if (property != null) {
                    collectUndeclared(read(field, value), path + "." + property.value(), violations);
                }
            }
        }
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
