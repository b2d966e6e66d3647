package dev.fanout.cli.render;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.fanout.cli.client.ComputeOutcome;
import dev.fanout.v1.ComputePart;
import dev.fanout.v1.SumOfSquaresRequest;
import dev.fanout.v1.SumOfSquaresResponse;
import dev.fanout.v1.support.Labels;
import dev.fanout.v1.support.ProtoDurations;

/** Renders a compute call's outcome for people (a table) or machines (one JSON object). */
public final class ComputeOutput {
    private ComputeOutput() {
    }

    /** {@code traceId}: the trace --trace started, if it did. */
    public static String json(SumOfSquaresRequest request, ComputeOutcome outcome, Optional<String> traceId) {
        SumOfSquaresResponse r = outcome.response();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("sum", r.getSum());
        doc.put("start", String.valueOf(request.getStart()));
        doc.put("end", String.valueOf(request.getEnd()));
        doc.put("mode", Labels.of(r.getMode()));
        doc.put("parallelism", r.getParallelism());
        doc.put("parts_requested", request.getParts());
        doc.put("elapsed_ms", Numbers.decimal(outcome.serviceMs()));
        doc.put("client_ms", Numbers.decimal(outcome.clientMs()));
        doc.put("served_by", r.getServedBy());
        traceId.ifPresent(id -> doc.put("trace_id", id));
        doc.put("parts", r.getPartsList().stream().map(ComputeOutput::part).toList());
        return Json.write(doc);
    }

    private static Map<String, Object> part(ComputePart p) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("start", String.valueOf(p.getStart()));
        part.put("end", String.valueOf(p.getEnd()));
        part.put("sum", p.getSum());
        part.put("worker", p.getWorker());
        part.put("elapsed_ms", Numbers.decimal(ProtoDurations.millis(p.getElapsed())));
        part.put("attempts", p.getAttempts());
        part.put("kernel", p.getKernel());
        return part;
    }

    public static String human(SumOfSquaresRequest request, ComputeOutcome outcome) {
        SumOfSquaresResponse r = outcome.response();
        String summary = new TextTable("FIELD", "VALUE")
                .row("sum", r.getSum())
                .row("range", "[" + request.getStart() + ", " + request.getEnd() + ")")
                .row("mode", Labels.of(r.getMode()))
                .row("parallelism", String.valueOf(r.getParallelism()))
                .row("service ms", Numbers.ms(outcome.serviceMs()))
                .row("client ms", Numbers.ms(outcome.clientMs()) + " (round trip)")
                .row("served by", r.getServedBy())
                .renderRows();
        TextTable parts = new TextTable(">PART", ">START", ">END", ">SUM", "WORKER", ">MS", "KERNEL", ">TRIES");
        int i = 0;
        for (ComputePart p : r.getPartsList()) {
            parts.row(String.valueOf(i++), String.valueOf(p.getStart()), String.valueOf(p.getEnd()), p.getSum(),
                    p.getWorker(), Numbers.ms(ProtoDurations.millis(p.getElapsed())), p.getKernel(),
                    String.valueOf(p.getAttempts()));
        }
        return summary + (r.getPartsCount() == 0 ? "" : "\n" + parts.render());
    }
}
