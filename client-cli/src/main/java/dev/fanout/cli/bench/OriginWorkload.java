package dev.fanout.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.fanout.v1.support.DurationText;

/** The URLs a bench fetches when none are given: the fetcher's simulated origin, so no internet is needed. */
interface OriginWorkload {
    /** The URLs, under the origin's base URL. */
    List<String> urls(String originBase);

    /** What they are, in words, for the report's heading. */
    String describe(int count);

    /** --url-count URLs alike: --bytes of body after --delay. */
    static OriginWorkload uniform(int count, Duration delay, int bytes) {
        return new OriginWorkload() {
            @Override
            public List<String> urls(String originBase) {
                return Collections.nCopies(count, originBase + "/delay/" + delay.toMillis() + "/bytes/" + bytes);
            }

            @Override
            public String describe(int urls) {
                return urls + " URLs of " + bytes + " B, " + DurationText.of(delay) + " each, from the simulated origin";
            }
        };
    }

    /** The tutorial's two sites, alternating, each answering after {@code delay}. */
    static OriginWorkload tutorial(Duration delay) {
        return new OriginWorkload() {
            @Override
            public List<String> urls(String originBase) {
                List<String> urls = new ArrayList<>();
                for (int i = 0; i < TutorialPreset.URL_PAIRS; i++) {
                    urls.add(originBase + "/delay/" + delay.toMillis() + "/bytes/" + TutorialPreset.BIG_BYTES);
                    urls.add(originBase + "/delay/" + delay.toMillis() + "/bytes/" + TutorialPreset.SMALL_BYTES);
                }
                return urls;
            }

            @Override
            public String describe(int urls) {
                return urls + " URLs alternating " + TutorialPreset.BIG_BYTES + " B and " + TutorialPreset.SMALL_BYTES
                        + " B bodies, " + DurationText.of(delay) + " each (the tutorial's two sites)";
            }
        };
    }
}
