package dev.fanout.fetcher.mode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Shards big enough for the places running them at once to carry the call's concurrency. */
class PodsShardsTest {

    @Test
    void shardsHoldAtLeastAPlacesShareOfTheConcurrency() {
        // One peer, two places: 20 URLs at concurrency 10 (5 per place) make 4 shards of 5, two rounds of 10.
        assertEquals(4, PodsStrategy.shards(20, 2, 5));
        // 100 URLs at 50 (25 per place): 4 shards of 25.
        assertEquals(4, PodsStrategy.shards(100, 2, 25));
    }

    @Test
    void manyUrlsMakeUpToFourShardsPerPlaceForAFastPeerToPullMore() {
        assertEquals(24, PodsStrategy.shards(240, 6, 4));
        assertEquals(16, PodsStrategy.shards(40, 4, 2));
    }

    @Test
    void fewUrlsMakeOneShardPerPlaceOrPerUrl() {
        assertEquals(2, PodsStrategy.shards(20, 2, 25));
        assertEquals(3, PodsStrategy.shards(3, 8, 1));
        assertEquals(1, PodsStrategy.shards(1, 2, 5));
    }
}
