package dev.fanout.runtime.pods;

import io.grpc.Channel;
import io.grpc.Status;

/**
 * Sees the PODS fan-out's calls and attempts: metrics and tracing hang off it, not off the scheduler.
 * {@code attemptStarted}, {@code channel} and {@code ended} run on whichever thread moved the fan-out on,
 * with its lock held: they must be quick and must not call the fan-out.
 */
public interface PodsObserver {

    /** Sees nothing. */
    PodsObserver NONE = (pool, parts) -> attempt -> status -> { };

    /** Both observers, {@code first} then {@code second}. */
    static PodsObserver both(PodsObserver first, PodsObserver second) {
        return new PodsObserver() {
            @Override
            public CallObserver callStarted(String pool, int parts) {
                CallObserver one = first.callStarted(pool, parts);
                CallObserver two = second.callStarted(pool, parts);
                return new CallObserver() {
                    @Override
                    public AttemptObserver attemptStarted(AttemptInfo attempt) {
                        AttemptObserver a = one.attemptStarted(attempt);
                        AttemptObserver b = two.attemptStarted(attempt);
                        return new AttemptObserver() {
                            @Override
                            public Channel channel(Channel channel) {
                                return b.channel(a.channel(channel));
                            }

                            @Override
                            public void ended(Status status) {
                                a.ended(status);
                                b.ended(status);
                            }
                        };
                    }

                    @Override
                    public void callEnded(Status status) {
                        one.callEnded(status);
                        two.callEnded(status);
                    }
                };
            }

            @Override
            public void workers(String pool, int workers) {
                first.workers(pool, workers);
                second.workers(pool, workers);
            }
        };
    }

    /**
     * A call starts: called on the thread that subscribes to PodsFanout.run's stream, with the server
     * call's contexts (gRPC, OpenTelemetry) current: a tracer finds its parent span there.
     */
    CallObserver callStarted(String pool, int parts);

    /** The workers behind {@code pool} changed: there are {@code workers} now. */
    default void workers(String pool, int workers) {
    }

    interface CallObserver {
        /** One try of a part is about to start on a worker. */
        AttemptObserver attemptStarted(AttemptInfo attempt);

        /** The call ended: OK, or the status it failed or was cancelled with. */
        default void callEnded(Status status) {
        }
    }

    interface AttemptObserver {
        /** The channel the worker call goes through: an observer may wrap it (e.g. to send a traceparent). */
        default Channel channel(Channel channel) {
            return channel;
        }

        /** The try ended: OK (it finished the part), CANCELLED (a speculative loser, or its call ended), or its failure. */
        void ended(Status status);
    }

    /**
     * @param pool "compute" or "fetcher"
     * @param worker the worker, as a person names it (its host name when known, else ip:port)
     * @param part what the part is, for a person: "[0, 1000000)", "URLs 20-39 (20)" (Part#describe)
     * @param number the part's try, from 1 (speculative copies count)
     * @param speculative a copy started beside a straggler
     * @param retry a try started after a failed one
     */
    record AttemptInfo(String pool, String worker, String part, int number, boolean speculative, boolean retry) {
    }
}
