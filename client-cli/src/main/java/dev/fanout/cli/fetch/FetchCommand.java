package dev.fanout.cli.fetch;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import dev.fanout.cli.support.CliFailure;
import dev.fanout.cli.support.DeadlineOption;
import dev.fanout.cli.support.DurationConverter;
import dev.fanout.cli.support.Durations;
import dev.fanout.cli.support.ExitCodes;
import dev.fanout.cli.support.FetchModeConverter;
import dev.fanout.cli.support.FetcherAddress;
import dev.fanout.cli.support.Json;
import dev.fanout.cli.support.ModeNames;
import dev.fanout.cli.support.OptionRange;
import dev.fanout.cli.support.ProgressBar;
import dev.fanout.cli.support.Service;
import dev.fanout.cli.support.ServiceChannel;
import dev.fanout.cli.support.TlsOptions;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.FetchResult;
import io.grpc.StatusRuntimeException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = { "Downloads URLs (I/O-bound), printing each result as it completes.",
                "The fetcher service downloads them in the mode you pick; rows stream in." })
public class FetchCommand implements Callable<Integer> {

    @Option(names = "--mode", converter = FetchModeConverter.class, paramLabel = "MODE",
            completionCandidates = ModeNames.FetchChoices.class,
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

    @Override
    public Integer call() {
        OptionRange.atLeast("--concurrency", concurrency, 0);
        List<String> list = urls.read();
        if (list.isEmpty()) {
            throw new CliFailure(ExitCodes.USAGE, "no URLs: give --url URL... or --urls-file FILE ('-' for stdin)");
        }
        FetchRequest.Builder request = FetchRequest.newBuilder().addAllUrls(list).setMode(mode).setConcurrency(concurrency);
        if (timeout != null) {
            request.setTimeout(Durations.proto(timeout));
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
                outcome = new FetchClient(channel, deadline.get()).fetch(request.build(), onResult);
            } catch (StatusRuntimeException e) {
                throw channel.failure(e, deadline.get());
            } finally {
                bar.finish();
            }
            if (format.json) {
                System.out.println(FetchOutput.document(outcome));
            } else if (format.jsonLines) {
                System.out.println(Json.write(Map.of("summary", FetchOutput.summary(outcome))));
            } else {
                System.out.println();
                System.out.println(FetchOutput.summaryLine(outcome));
            }
            return outcome.summary().getFailed() > 0 ? ExitCodes.SOME_FAILED : ExitCodes.OK;
        }
    }
}
