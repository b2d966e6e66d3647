package dev.fanout.fetcher.mode;

import dev.fanout.fetcher.download.UrlProgress;
import dev.fanout.fetcher.request.FetchPlan;
import dev.fanout.runtime.ProtoDurations;
import dev.fanout.runtime.calls.CallDeadlines;
import dev.fanout.v1.FetchError;
import dev.fanout.v1.FetchEvent;
import dev.fanout.v1.FetchMode;
import dev.fanout.v1.FetchRequest;
import dev.fanout.v1.FetchResult;
import dev.fanout.v1.FetcherGrpc;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.smallrye.mutiny.Multi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * PODS: the URL list is cut into one contiguous shard per peer fetcher; each shard is fetched
 * REACTIVE by a peer over gRPC (round_robin spreads the shard calls over the peers), and the peers'
 * results are merged into one stream with their indices mapped back to the request's. Cancelling
 * the merged stream cancels every peer call; the call's deadline is passed on to them.
 *
 * <p>A peer that fails mid-shard gets its unfinished URLs re-sent, up to fanout.fetcher.pods.max-attempts
 * tries in all (round_robin picks the next peer); what is still unfinished after that is reported as
 * failed results, never lost.
 */
public final class PodsStrategy implements FetchStrategy, AutoCloseable {

    private static final Set<Status.Code> CALL_OVER = Set.of(Status.Code.CANCELLED, Status.Code.DEADLINE_EXCEEDED);

    private final PeerTarget peers;
    private final ManagedChannel channel;
    private final int maxAttempts;

    /** {@code channel} balances calls over the peers with round_robin (see PeerChannels). */
    public PodsStrategy(PeerTarget peers, ManagedChannel channel, int maxAttempts) {
        this.peers = peers;
        this.channel = channel;
        this.maxAttempts = maxAttempts;
        channel.getState(true); // connect to every peer now, so the first call already spreads
    }

    @Override
    public FetchMode mode() {
        return FetchMode.FETCH_MODE_PODS;
    }

    @Override
    public Multi<FetchResult> fetch(FetchPlan plan) {
        return Multi.createFrom().deferred(() -> {
            int size = plan.urls().size();
            int shards = Math.max(1, Math.min(peers.count(), size));
            int concurrency = (plan.concurrency() + shards - 1) / shards;
            List<Multi<FetchResult>> streams = new ArrayList<>();
            for (int shard = 0; shard < shards; shard++) {
                List<Integer> indices = IntStream.range(shard * size / shards, (shard + 1) * size / shards).boxed().toList();
                streams.add(shard(plan, indices, concurrency, maxAttempts));
            }
            return Multi.createBy().merging().streams(streams);
        });
    }

    /** One peer call for the given request indices; their results come back with those indices. */
    private Multi<FetchResult> shard(FetchPlan plan, List<Integer> indices, int concurrency, int attemptsLeft) {
        FetchRequest.Builder request = FetchRequest.newBuilder()
                .setMode(FetchMode.FETCH_MODE_REACTIVE)
                .setConcurrency(concurrency)
                .setTimeout(ProtoDurations.of(plan.timeout()));
        indices.forEach(index -> request.addUrls(plan.urls().get(index)));
        boolean[] reported = new boolean[indices.size()];
        return peerCall(request.build(), plan.deadline())
                .filter(FetchEvent::hasResult)
                .map(event -> {
                    FetchResult result = event.getResult();
                    reported[result.getIndex()] = true;
                    return result.toBuilder().setIndex(indices.get(result.getIndex())).build();
                })
                // A cancelled or expired call ends here: re-sending its URLs would start work nobody waits for.
                .onFailure(error -> !CALL_OVER.contains(Status.fromThrowable(error).getCode())).recoverWithMulti(error -> {
                    List<Integer> unfinished = IntStream.range(0, indices.size())
                            .filter(i -> !reported[i]).mapToObj(indices::get).toList();
                    if (unfinished.isEmpty()) {
                        return Multi.createFrom().empty();
                    }
                    if (attemptsLeft > 1) {
                        return shard(plan, unfinished, concurrency, attemptsLeft - 1);
                    }
                    String message = "peer fetcher failed before this URL finished (" + peers + "): " + error.getMessage();
                    return Multi.createFrom().iterable(unfinished.stream().map(index -> UrlProgress.unfinished(
                            index, plan.urls().get(index), FetchError.FETCH_ERROR_IO, message)).toList());
                });
    }

    /**
     * One Fetch call to a peer, with the caller's deadline; cancelling the stream cancels the call,
     * which stops the peer's downloads. (Quarkus's Mutiny client stub does not cancel its call when
     * its subscription is cancelled, so the peer would fetch the whole shard for nobody.)
     */
    private Multi<FetchEvent> peerCall(FetchRequest request, Optional<Instant> deadline) {
        return Multi.createFrom().emitter(emitter -> {
            ClientCall<FetchRequest, FetchEvent> call = channel.newCall(FetcherGrpc.getFetchMethod(),
                    CallDeadlines.options(deadline));
            emitter.onTermination(() -> call.cancel("the caller no longer needs this shard", null));
            ClientCalls.asyncServerStreamingCall(call, request, new StreamObserver<>() {
                @Override
                public void onNext(FetchEvent event) {
                    emitter.emit(event);
                }

                @Override
                public void onError(Throwable failure) {
                    if (!emitter.isCancelled()) { // after a cancel, this is the cancel's own echo
                        emitter.fail(failure);
                    }
                }

                @Override
                public void onCompleted() {
                    emitter.complete();
                }
            });
        });
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
