package dev.fanout.runtime.pods;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;

/** Time that moves only when a test advances it; due tasks run on the advancing thread, in time order. */
final class FakeClock implements PodsClock {

    private record Task(long at, long order, Runnable run) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>(Comparator.comparingLong(Task::at).thenComparingLong(Task::order));
    private long now;
    private long scheduled;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void schedule(Duration delay, Runnable task) {
        tasks.add(new Task(now + delay.toNanos(), scheduled++, task));
    }

    /** Moves time forward by {@code by}, running each task when its time comes (tasks they schedule too). */
    void advance(Duration by) {
        long until;
        synchronized (this) {
            until = now + by.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.at() > until) {
                    now = until;
                    return;
                }
                tasks.poll();
                now = next.at();
            }
            next.run().run();
        }
    }
}
