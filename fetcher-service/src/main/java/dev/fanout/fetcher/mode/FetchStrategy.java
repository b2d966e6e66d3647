package dev.fanout.fetcher.mode;

import dev.fanout.fetcher.request.FetchPlan;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchResult;
import io.smallrye.mutiny.Multi;

/** One concurrency model: downloads a plan's URLs and emits each result as it completes. */
public interface FetchStrategy {

    FetchMode mode();

    /** Cancelling the subscription stops every download still in flight. */
    Multi<FetchResult> fetch(FetchPlan plan);
}
