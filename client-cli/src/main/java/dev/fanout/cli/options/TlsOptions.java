package dev.fanout.cli.options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.fanout.cli.CliFailure;
import dev.fanout.cli.ExitCodes;
import io.grpc.ChannelCredentials;
import io.grpc.TlsChannelCredentials;
import picocli.CommandLine.Option;

/**
 * --tls and its files: how to reach services deployed with deploy/'s TLS overlays. Off by default
 * (the local demo is plaintext). compute-service asks callers of its TLS port for a client
 * certificate, hence --tls-cert and --tls-key.
 */
public final class TlsOptions {
    @Option(names = "--tls", description = "Call the services over TLS, trusting the system's CAs (or --tls-ca).")
    boolean enabled;

    @Option(names = "--tls-ca", paramLabel = "FILE", description = "PEM CA certificate(s) to trust instead of the system's; implies --tls.")
    Path ca;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM client certificate for services that require one (mutual TLS); implies --tls.")
    Path certificate;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key of --tls-cert.")
    Path key;

    @Option(names = "--tls-authority", paramLabel = "NAME",
            description = "Name the server's certificate must carry when it is not the address's host (e.g. through kubectl port-forward).")
    String authority;

    /** TLS credentials when any TLS option is given; empty for plaintext. */
    public Optional<ChannelCredentials> credentials() {
        if (!enabled && ca == null && certificate == null && key == null && authority == null) {
            return Optional.empty();
        }
        if ((certificate == null) != (key == null)) {
            throw new CliFailure(ExitCodes.USAGE, "--tls-cert and --tls-key go together: give both, or neither");
        }
        TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
        try {
            if (ca != null) {
                builder.trustManager(readable(ca, "--tls-ca").toFile());
            }
            if (certificate != null) {
                builder.keyManager(readable(certificate, "--tls-cert").toFile(), readable(key, "--tls-key").toFile());
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.USAGE, "cannot use the TLS files: " + e.getMessage());
        }
        return Optional.of(builder.build());
    }

    public Optional<String> authority() {
        return Optional.ofNullable(authority);
    }

    private static Path readable(Path file, String option) {
        if (!Files.isReadable(file)) {
            throw new CliFailure(ExitCodes.USAGE, option + " " + file + ": no such readable file");
        }
        return file;
    }
}
