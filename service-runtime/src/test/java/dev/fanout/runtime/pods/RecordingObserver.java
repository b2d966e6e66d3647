package dev.fanout.runtime.pods;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;

/** Every attempt the fan-out started, with how it ended, and every call's end. */
final class RecordingObserver implements PodsObserver {

    /** One attempt; {@code ended} is null while it runs. */
    static final class Seen {
        final AttemptInfo info;
        volatile Status ended;

        Seen(AttemptInfo info) {
            this.info = info;
        }
    }

    final List<Seen> attempts = new ArrayList<>();
    final List<Status> callsEnded = new ArrayList<>();
    volatile int workers;

    @Override
    public synchronized CallObserver callStarted(String pool, int parts) {
        return new CallObserver() {
            @Override
            public AttemptObserver attemptStarted(AttemptInfo attempt) {
                Seen seen = new Seen(attempt);
                synchronized (RecordingObserver.this) {
                    attempts.add(seen);
                }
                return status -> seen.ended = status;
            }

            @Override
            public void callEnded(Status status) {
                synchronized (RecordingObserver.this) {
                    callsEnded.add(status);
                }
            }
        };
    }

    @Override
    public void workers(String pool, int workers) {
        this.workers = workers;
    }

    /** The attempts of the parts whose description starts with {@code prefix}. */
    synchronized List<Seen> of(String prefix) {
        return attempts.stream().filter(seen -> seen.info.part().startsWith(prefix)).toList();
    }
}
