package dev.fanout.fetcher.mode;

import dev.fanout.fetcher.download.UrlProgress;
import dev.fanout.fetcher.request.FetchPlan;
import dev.fanout.runtime.pods.Attempt;
import dev.fanout.runtime.pods.Part;
import dev.fanout.runtime.pods.PartFailure;
import dev.fanout.runtime.pods.PodsFanout;
import dev.fanout.v1.FetchError;
import dev.fanout.v1.FetchEvent;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.FetchResult;
import dev.fanout.v1.FetcherGrpc;
import dev.fanout.v1.support.ProtoDurations;
import io.smallrye.mutiny.Multi;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;

/**
 * PODS: the URL list is cut into many small contiguous shards, which the peer fetchers pull through
 * the shared PodsFanout as they have room; each shard is fetched REACTIVE by a peer over gRPC, and
 * the results are merged into one stream with their indices mapped back to the request's. A shard
 * run again (its peer failed or straggled) sends only the URLs not reported yet, and each URL is
 * reported once: the first result wins. URLs no peer could finish are reported as failed results,
 * never lost. Cancelling the stream cancels every peer call; the call's deadline is passed on.
 */
public final class PodsStrategy implements FetchStrategy, AutoCloseable {

    /** Shards per place a peer has (peers x in-flight-per-worker): enough for a fast peer to pull more. */
    private static final int SHARDS_PER_PLACE = 4;

    private final PodsFanout peers;

    public PodsStrategy(PodsFanout peers) {
        this.peers = peers;
    }

    @Override
    public FetchMode mode() {
        return FetchMode.FETCH_MODE_PODS;
    }

    @Override
    public Multi<FetchResult> fetch(FetchPlan plan) {
        return Multi.createFrom().deferred(() -> {
            int size = plan.urls().size();
            int places = Math.max(1, peers.capacity());
            int concurrency = Math.ceilDiv(plan.concurrency(), places);
            int shards = shards(size, places, concurrency);
            List<Shard> parts = new ArrayList<>();
            for (int shard = 0; shard < shards; shard++) {
                parts.add(new Shard(plan, shard * size / shards, (shard + 1) * size / shards, concurrency));
            }
            return peers.run(parts, plan.deadline());
        });
    }

    /**
     * How many shards {@code size} URLs make for {@code places} (peers x in-flight-per-worker). One shard
     * per place runs at a time, each with {@code concurrency}, the call's concurrency over the places; so
     * a shard needs that many URLs for the places to carry the call's concurrency together (smaller ones
     * left it half used: 20 URLs at concurrency 10 on one peer took four rounds, not two). Within that,
     * up to SHARDS_PER_PLACE shards per place let a faster peer pull more of them.
     */
    static int shards(int size, int places, int concurrency) {
        return Math.min(Math.min(size, places * SHARDS_PER_PLACE), Math.max(Math.min(size, places), size / concurrency));
    }

    /** The request's URLs [from, to), with which of them have been reported. */
    private final class Shard implements Part<FetchResult> {

        private final FetchPlan plan;
        private final int from;
        private final int to;
        private final int concurrency;
        private final AtomicIntegerArray reported;

        Shard(FetchPlan plan, int from, int to, int concurrency) {
            this.plan = plan;
            this.from = from;
            this.to = to;
            this.concurrency = concurrency;
            this.reported = new AtomicIntegerArray(to - from);
        }

        private List<Integer> unreported() {
            return IntStream.range(0, reported.length()).filter(i -> reported.get(i) == 0).mapToObj(i -> from + i).toList();
        }

        @Override
        public Multi<FetchResult> attempt(Attempt attempt) {
            List<Integer> indices = unreported();
            FetchRequest.Builder request = FetchRequest.newBuilder()
                    .setMode(FetchMode.FETCH_MODE_REACTIVE)
                    .setConcurrency(Math.min(concurrency, Math.max(1, indices.size())))
                    .setTimeout(ProtoDurations.of(plan.timeout()));
            indices.forEach(index -> request.addUrls(plan.urls().get(index)));
            return attempt.call(FetcherGrpc.getFetchMethod(), request.build())
                    .filter(FetchEvent::hasResult)
                    .map(event -> event.getResult().toBuilder().setIndex(indices.get(event.getResult().getIndex())).build());
        }

        @Override
        public boolean firstReport(FetchResult result) {
            return reported.compareAndSet(result.getIndex() - from, 0, 1);
        }

        /** As a person counts: URLs 1-20 for the request's first twenty. */
        @Override
        public String describe() {
            return "URLs " + (from + 1) + "-" + to + " (" + (to - from) + ")";
        }

        @Override
        public List<FetchResult> giveUp(PartFailure why) {
            String message = "no peer fetcher finished this URL: " + why.describe("peer")
                    + ". Check the fetcher peers behind " + peers.target() + ", or retry.";
            return unreported().stream()
                    .map(index -> UrlProgress.unfinished(index, plan.urls().get(index), FetchError.FETCH_ERROR_IO, message))
                    .toList();
        }
    }

    @Override
    public void close() throws InterruptedException {
        peers.close();
    }
}
