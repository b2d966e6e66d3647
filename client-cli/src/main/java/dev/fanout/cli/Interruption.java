package dev.fanout.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

import io.grpc.Context;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) cancels the command's calls, prints one line ({@code fanout: cancelled}) and exits
 * with {@link ExitCodes#CANCELLED}. A JVM left to its default would just exit: its connections close
 * without a cancel, and it first waits for the call in flight, up to the whole --deadline. Cancelling
 * sends the cancel itself, which stops the service's work at once.
 *
 * <p>Every gRPC call of a command runs in the Context {@link #run} makes current (the blocking stubs
 * take it from the calling thread), so cancelling that Context cancels whatever call is in flight and
 * fails any later one. If the command does not end within {@link #GRACE} after that (it may be
 * reading URLs from a terminal), the process leaves anyway; a second Ctrl-C leaves at once.
 */
public final class Interruption {

    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final AtomicBoolean requested = new AtomicBoolean();
    private static final AtomicBoolean reported = new AtomicBoolean();
    private static volatile Context.CancellableContext calls;

    private Interruption() {
    }

    /** From now on, Ctrl-C is handled as above; {@code err} gets the one line. */
    public static void install(PrintWriter err) {
        Signal.handle(new Signal("INT"), signal -> interrupt(err));
    }

    /** Runs {@code command} in a Context Ctrl-C cancels; returns its exit code, or CANCELLED after Ctrl-C. */
    public static int run(IntSupplier command, PrintWriter err) {
        Context.CancellableContext context = Context.ROOT.withCancellation();
        calls = context;
        int[] code = new int[1];
        if (!requested.get()) { // else Ctrl-C came while the command was being set up: run nothing
            try {
                context.run(() -> code[0] = command.getAsInt());
            } finally {
                context.cancel(null);
            }
        }
        return requested.get() ? report(err) : code[0];
    }

    /** Whether Ctrl-C was pressed: a call that failed after it failed because of it. */
    public static boolean requested() {
        return requested.get();
    }

    /** Prints {@code fanout: cancelled}, once whoever calls it, and gives the exit code. */
    public static int report(PrintWriter err) {
        if (reported.compareAndSet(false, true)) {
            err.println("fanout: cancelled");
            err.flush();
        }
        return ExitCodes.CANCELLED;
    }

    private static void interrupt(PrintWriter err) {
        if (!requested.compareAndSet(false, true)) {
            leave(err);
        }
        Context.CancellableContext running = calls;
        if (running != null) {
            running.cancel(null);
        }
        Thread.ofPlatform().daemon().name("fanout-cancel").start(() -> {
            try {
                Thread.sleep(GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            leave(err);
        });
    }

    private static void leave(PrintWriter err) {
        report(err);
        System.out.flush();
        Runtime.getRuntime().halt(ExitCodes.CANCELLED);
    }
}
