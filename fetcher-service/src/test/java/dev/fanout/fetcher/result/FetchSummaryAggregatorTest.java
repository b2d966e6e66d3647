package dev.fanout.fetcher.result;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fanout.v1.FetchError;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchResult;
import dev.fanout.v1.FetchSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

class FetchSummaryAggregatorTest {

    @Test
    void countsOutcomesBytesAndDistinctFetchers() {
        FetchSummaryAggregator totals = new FetchSummaryAggregator();
        totals.add(FetchResult.newBuilder().setBytes(100).setFetchedBy("a").build());
        totals.add(FetchResult.newBuilder().setBytes(50).setFetchedBy("b").build());
        totals.add(FetchResult.newBuilder().setBytes(7).setFetchedBy("a")
                .setError(FetchError.FETCH_ERROR_HTTP_STATUS).build());
        totals.add(FetchResult.newBuilder().setError(FetchError.FETCH_ERROR_IO).build());
        FetchSummary summary = totals.summary(1_500_000_000L, FetchMode.FETCH_MODE_PODS, 8);
        assertEquals(2, summary.getOk());
        assertEquals(2, summary.getFailed());
        assertEquals(157, summary.getBytes());
        assertEquals(2, summary.getFetchers());
        assertEquals(1, summary.getElapsed().getSeconds());
        assertEquals(500_000_000, summary.getElapsed().getNanos());
        assertEquals(FetchMode.FETCH_MODE_PODS, summary.getMode());
        assertEquals(8, summary.getConcurrency());
    }

    @Test
    void knowsWhichIndicesNoResultHasReported() {
        FetchSummaryAggregator totals = new FetchSummaryAggregator();
        totals.add(FetchResult.newBuilder().setIndex(3).build());
        totals.add(FetchResult.newBuilder().setIndex(0).setError(FetchError.FETCH_ERROR_IO).build());
        assertEquals(List.of(1, 2, 4), totals.unreported(5).boxed().toList());
        assertEquals(List.of(), totals.unreported(1).boxed().toList());
    }

    @Test
    void anAllFailedCallStillCountsOneFetcher() {
        assertEquals(1, new FetchSummaryAggregator().summary(0, FetchMode.FETCH_MODE_REACTIVE, 1).getFetchers());
    }
}
