package dev.fanout.cli.compute;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.fanout.cli.support.Durations;
import dev.fanout.cli.support.Json;
import dev.fanout.cli.support.ModeNames;
import dev.fanout.cli.support.TextTable;
import dev.fanout.v1.ComputePart;
import dev.fanout.v1.SumOfSquaresRequest;
import dev.fanout.v1.SumOfSquaresResponse;

/** Renders a compute call's outcome for people (a table) or machines (one JSON object). */
final class ComputeOutput {
    private ComputeOutput() {
    }

    static String json(SumOfSquaresRequest request, ComputeOutcome outcome) {
        SumOfSquaresResponse r = outcome.response();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("sum", r.getSum());
        doc.put("start", String.valueOf(request.getStart()));
        doc.put("end", String.valueOf(request.getEnd()));
        doc.put("mode", ModeNames.name(r.getMode()));
        doc.put("parallelism", r.getParallelism());
        doc.put("parts_requested", request.getParts());
        doc.put("elapsed_ms", Json.decimal(outcome.serviceMs()));
        doc.put("client_ms", Json.decimal(outcome.clientMs()));
        doc.put("served_by", r.getServedBy());
        doc.put("parts", r.getPartsList().stream().map(ComputeOutput::part).toList());
        return Json.write(doc);
    }

    private static Map<String, Object> part(ComputePart p) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("start", String.valueOf(p.getStart()));
        part.put("end", String.valueOf(p.getEnd()));
        part.put("sum", p.getSum());
        part.put("worker", p.getWorker());
        part.put("elapsed_ms", Json.decimal(Durations.millis(p.getElapsed())));
        part.put("attempts", p.getAttempts());
        part.put("kernel", p.getKernel());
        return part;
    }

    static String human(SumOfSquaresRequest request, ComputeOutcome outcome) {
        SumOfSquaresResponse r = outcome.response();
        String summary = new TextTable("FIELD", "VALUE")
                .row("sum", r.getSum())
                .row("range", "[" + request.getStart() + ", " + request.getEnd() + ")")
                .row("mode", ModeNames.name(r.getMode()))
                .row("parallelism", String.valueOf(r.getParallelism()))
                .row("service ms", Durations.ms(outcome.serviceMs()))
                .row("client ms", Durations.ms(outcome.clientMs()) + " (round trip)")
                .row("served by", r.getServedBy())
                .renderRows();
        TextTable parts = new TextTable(">PART", ">START", ">END", ">SUM", "WORKER", ">MS", "KERNEL", ">TRIES");
        int i = 0;
        for (ComputePart p : r.getPartsList()) {
            parts.row(String.valueOf(i++), String.valueOf(p.getStart()), String.valueOf(p.getEnd()), p.getSum(),
                    p.getWorker(), Durations.ms(Durations.millis(p.getElapsed())), p.getKernel(),
                    String.valueOf(p.getAttempts()));
        }
        return summary + (r.getPartsCount() == 0 ? "" : "\n" + parts.render());
    }
}
