package dev.fanout.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class JsonTest {

    @Test
    void writesWhatAJsonParserReadsBack() throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("text", "quote \" backslash \\ newline \n tab \t bell \u0007 é");
        doc.put("int", 42);
        doc.put("long", Long.MAX_VALUE);
        doc.put("ms", 1234.56789);
        doc.put("nan", Double.NaN);
        doc.put("null", null);
        doc.put("list", Arrays.asList(1, "two", true, null));
        doc.put("big", 12_345_678_901.5);
        String json = Json.write(doc);

        Map<?, ?> back = new ObjectMapper().readValue(json, Map.class);
        assertEquals(doc.get("text"), back.get("text"));
        assertEquals(42, back.get("int"));
        assertEquals(Long.MAX_VALUE, back.get("long"));
        assertEquals(1234.568, back.get("ms"));
        assertEquals(null, back.get("nan"));
        assertEquals(true, back.containsKey("null"));
        assertEquals(Arrays.asList(1, "two", true, null), back.get("list"));
        assertEquals(List.copyOf(doc.keySet()), List.copyOf(back.keySet()));
        assertEquals(true, json.contains("12345678901.5"), json);
    }
}
