package dev.fanout.cli;

/** fanout's entry point: runs the command line and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = CommandLineFactory.create(args).execute(args);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }
}
