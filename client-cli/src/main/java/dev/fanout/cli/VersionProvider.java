package dev.fanout.cli;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import picocli.CommandLine.IVersionProvider;

/** The version Quarkus records from the build (the Maven project version). */
@Singleton
public class VersionProvider implements IVersionProvider {
    private final String version;

    VersionProvider(@ConfigProperty(name = "quarkus.application.version") String version) {
        this.version = version;
    }

    @Override
    public String[] getVersion() {
        return new String[] { "fanout " + version };
    }
}
