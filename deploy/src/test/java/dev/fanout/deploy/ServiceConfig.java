package dev.fanout.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** What a service module configures for itself: its application.properties. */
record ServiceConfig(String module, Properties properties) {

    static ServiceConfig of(String module) {
        Path file = Kustomize.DEPLOY.resolveSibling(module).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        return new ServiceConfig(module, properties);
    }

    /** The module an image is built from: fanout/compute-service:TAG -> compute-service. */
    static ServiceConfig forImage(String image) {
        String repository = image.substring(image.lastIndexOf('/') + 1);
        int tag = repository.indexOf(':');
        return of(tag < 0 ? repository : repository.substring(0, tag));
    }

    int httpPort() {
        return Integer.parseInt(properties.getProperty("quarkus.http.port"));
    }
}
