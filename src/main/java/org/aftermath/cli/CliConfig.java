package org.aftermath.cli;

import io.smallrye.config.DotEnvConfigSourceProvider;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The server's configuration for a command that does not start Quarkus: the same sources in the same order
 * (system properties, environment, {@code .env}, {@code config/application.properties}, the packaged
 * {@code application.properties}) and the same profile, so {@code backup} reaches the database the server uses.
 */
final class CliConfig {

    private final SmallRyeConfig config;

    private CliConfig(SmallRyeConfig config) {
        this.config = config;
    }

    static CliConfig load() {
        try {
            SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                    .addDefaultSources()
                    .addDefaultInterceptors()
                    .withSources(new DotEnvConfigSourceProvider())
                    .withProfile(Optional.ofNullable(System.getProperty("quarkus.profile"))
                            .or(() -> Optional.ofNullable(System.getenv("QUARKUS_PROFILE"))).orElse("prod"));
            URL packaged = CliConfig.class.getResource("/application.properties");
            if (packaged != null) {
                builder.withSources(new PropertiesConfigSource(packaged, 250));
            }
            Path local = Path.of("config", "application.properties");
            if (Files.isRegularFile(local)) {
                builder.withSources(new PropertiesConfigSource(local.toUri().toURL(), 260));
            }
            return new CliConfig(builder.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<String> get(String name) {
        return config.getOptionalValue(name, String.class).map(String::strip).filter(v -> !v.isEmpty());
    }

    String get(String name, String fallback) {
        return get(name).orElse(fallback);
    }
}
