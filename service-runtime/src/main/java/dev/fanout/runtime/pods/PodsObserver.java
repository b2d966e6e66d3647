package dev.fanout.runtime.pods;

/** Sees the PODS fan-out's calls and attempts: metrics and tracing hang off it, not off the scheduler. */
public interface PodsObserver {

    /** Sees nothing. */
    PodsObserver NONE = (pool, parts) -> attempt -> status -> {
    };

    /** Both observers, {@code first} then {@code second}. */
    static PodsObserver both(PodsObserver first, PodsObserver second) {
        return (pool, parts) -> {
            CallObserver firstCall = first.callStarted(pool, parts);
            CallObserver secondCall = second.callStarted(pool, parts);
            return new CallObserver() {
                @Override
                public AttemptObserver attemptStarted(AttemptInfo attempt) {
                    AttemptObserver firstAttempt = firstCall.attemptStarted(attempt);
                    AttemptObserver secondAttempt = secondCall.attemptStarted(attempt);
                    return new AttemptObserver() {
                        @Override
                        public io.grpc.Channel channel(io.grpc.Channel channel) {
                            return secondAttempt.channel(firstAttempt.channel(channel));
                        }

                        @Override
                        public void ended(io.grpc.Status status) {
                            firstAttempt.ended(status);
                            secondAttempt.ended(status);
                        }
                    };
                }

                @Override
                public void callEnded(io.grpc.Status status) {
                    firstCall.callEnded(status);
                    secondCall.callEnded(status);
                }
            };
        };
    }

    /**
     * A call starts: called on the thread that subscribes to PodsFanout.run's stream, with the server
     * call's contexts (gRPC, OpenTelemetry) current: a tracer finds its parent span there.
     */
    CallObserver callStarted(String pool, int parts);

    interface CallObserver {
        /** One try of a part is about to start on a worker. */
        AttemptObserver attemptStarted(AttemptInfo attempt);

        /** The call ended: OK, or the status it failed or was cancelled with. */
        default void callEnded(io.grpc.Status status) {
        }
    }

    interface AttemptObserver {
        /** The channel the worker call goes through: an observer may wrap it (e.g. to send a traceparent). */
        default io.grpc.Channel channel(io.grpc.Channel channel) {
            return channel;
        }

        /** The try ended: OK (it finished the part), CANCELLED (a speculative loser, or its call ended), or its failure. */
        void ended(io.grpc.Status status);
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
