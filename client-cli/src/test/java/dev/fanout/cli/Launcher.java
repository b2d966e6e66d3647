package dev.fanout.cli;

/** Runs fanout with the given arguments to its end. */
@FunctionalInterface
interface Launcher {
    LaunchResult launch(String... args);
}
