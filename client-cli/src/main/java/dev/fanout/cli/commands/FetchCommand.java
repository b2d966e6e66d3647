package dev.fanout.cli.commands;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import dev.fanout.cli.CliFailure;
import dev.fanout.cli.ExitCodes;
import dev.fanout.cli.client.FetchClient;
import dev.fanout.cli.client.FetchOutcome;
import dev.fanout.cli.client.Service;
import dev.fanout.cli.client.ServiceChannel;
import dev.fanout.cli.options.DeadlineOption;
import dev.fanout.cli.options.DurationConverter;
import dev.fanout.cli.options.FetchModeConverter;
import dev.fanout.cli.options.FetcherAddress;
import dev.fanout.cli.options.OptionRange;
import dev.fanout.cli.options.TlsOptions;
import dev.fanout.cli.options.TraceOption;
import dev.fanout.cli.options.UrlSource;
import dev.fanout.cli.render.FetchOutput;
import dev.fanout.cli.render.Json;
import dev.fanout.cli.render.ProgressBar;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.FetchResult;
import dev.fanout.v1.support.ProtoDurations;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = { "Downloads URLs (I/O-bound), printing each result as it completes.",
                "The fetcher service downloads them in the mode you pick; rows stream in." })
public class FetchCommand implements Callable<Integer> {

    @Option(names = "--mode", converter = FetchModeConverter.class, paramLabel = "MODE",
            completionCandidates = FetchModeConverter.class,
            description = "One of: ${COMPLETION-CANDIDATES} (default: the service's best).")
    FetchMode mode = FetchMode.FETCH_MODE_UNSPECIFIED;

    @Option(names = "--concurrency", defaultValue = "0", paramLabel = "N",
            description = "Downloads in flight at once; 0 lets the service choose.")
    int concurrency;

    @Option(names = "--timeout", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Time allowed per URL, e.g. 500ms, 2s, 1m (default: the service's, 10s).")
    Duration timeout;

    @Mixin
    UrlSource urls;

    @ArgGroup(exclusive = true)
    Format format = new Format();

    static final class Format {
        @Option(names = "--json", description = "Print one JSON object with summary and results at the end.")
        boolean json;

        @Option(names = "--json-lines", description = "Print one JSON object per result as it arrives, then the summary.")
        boolean jsonLines;
    }

    @Mixin
    FetcherAddress address;

    @Mixin
    DeadlineOption deadline;

    @Mixin
    TlsOptions tls;

    @Mixin
    TraceOption trace;

    @Override
    public Integer call() {
        OptionRange.atLeast("--concurrency", concurrency, 0);
        List<String> list = urls.read();
        if (list.isEmpty()) {
            throw new CliFailure(ExitCodes.USAGE, "no URLs: give --url URL... or --urls-file FILE ('-' for stdin)");
        }
        FetchRequest.Builder request = FetchRequest.newBuilder().addAllUrls(list).setMode(mode).setConcurrency(concurrency);
        if (timeout != null) {
            request.setTimeout(ProtoDurations.of(timeout));
        }
        boolean forPeople = !format.json && !format.jsonLines;
        ProgressBar bar = ProgressBar.create(forPeople, "URLs");
        int[] done = { 0 };
        Consumer<FetchResult> onResult = result -> {
            done[0]++;
            if (format.jsonLines) {
                System.out.println(Json.write(FetchOutput.result(result)));
            } else if (forPeople) {
                // The header comes with the first row, so a call that fails to connect prints only its error.
                bar.printAbove(() -> System.out.println(done[0] == 1 ? FetchOutput.header() + "\n" + FetchOutput.row(result)
                        : FetchOutput.row(result)));
            }
            bar.update(done[0], list.size());
        };
        try (ServiceChannel channel = ServiceChannel.open(Service.FETCHER, address.get(), tls)) {
            FetchOutcome outcome;
            try {
                outcome = new FetchClient(channel, deadline.get(), trace.interceptors()).fetch(request.build(), onResult);
            } finally {
                bar.finish();
            }
            if (format.json) {
                System.out.println(FetchOutput.document(outcome, trace.id()));
            } else if (format.jsonLines) {
                System.out.println(Json.write(Map.of("summary", FetchOutput.summary(outcome, trace.id()))));
            } else {
                System.out.println();
                System.out.println(FetchOutput.summaryLine(outcome));
            }
            return outcome.summary().getFailed() > 0 ? ExitCodes.SOME_FAILED : ExitCodes.OK;
        }
    }
}
