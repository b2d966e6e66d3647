package dev.fanout.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/** fanout's entry point: runs the command line and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        quietLibraries();
        int code = CommandLineFactory.create().execute(args);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /**
     * stderr is for fanout's one-line messages: grpc-java and Netty, which log through java.util.logging,
     * add only their warnings and errors (as under Quarkus, whose log level was WARN).
     */
    static void quietLibraries() {
        Logger.getLogger("").setLevel(Level.WARNING);
    }
}
