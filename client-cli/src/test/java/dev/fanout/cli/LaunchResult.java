package dev.fanout.cli;

import java.util.List;

/** One run of fanout: its exit code, and what it printed on stdout and on stderr, line by line. */
record LaunchResult(int exitCode, List<String> getOutputStream, List<String> getErrorStream) {

    LaunchResult(int exitCode, String stdout, String stderr) {
        this(exitCode, stdout.lines().toList(), stderr.lines().toList());
    }

    String getOutput() {
        return String.join("\n", getOutputStream);
    }

    String getErrorOutput() {
        return String.join("\n", getErrorStream);
    }
}
