package org.aftermath.deploy;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Docker is not on the test machines: the compose file, Dockerfile and systemd unit are checked as text. */
class ComposeFileTest {

    private static final List<String> SECRETS = List.of("AFTERMATH_DB_PASSWORD", "AFTERMATH_ADMIN_PASSWORD", "AFTERMATH_SESSION_KEY");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Map<String, Object> compose, String name) {
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeHasNoSecretDefaultsRestartsChecksHealthAndKeepsItsData() throws Exception {
        String text = Files.readString(Path.of("docker-compose.yml"));
        Map<String, Object> compose = new Yaml().load(text);
        Map<String, Object> app = service(compose, "app");
        Map<String, Object> db = service(compose, "db");

        assertEquals("unless-stopped", app.get("restart"));
        assertEquals("unless-stopped", db.get("restart"));
        assertEquals("Dockerfile", ((Map<String, Object>) app.get("build")).get("dockerfile"));
        assertTrue(((List<String>) ((Map<String, Object>) app.get("healthcheck")).get("test")).toString().contains("/q/health"));
        assertTrue(((Map<String, Object>) db.get("healthcheck")).containsKey("test"));
        List<String> ports = (List<String>) app.get("ports");
        assertTrue(ports.stream().allMatch(p -> p.startsWith("127.0.0.1:")), ports.toString());

        List<String> targets = ((List<String>) app.get("volumes")).stream().map(v -> v.split(":")[1]).toList();
        assertTrue(targets.containsAll(List.of("/srv/aftermath/runs", "/srv/aftermath/backups", "/srv/aftermath/runbooks",
                "/srv/aftermath/ssh")), targets.toString());
        assertTrue(((List<String>) app.get("volumes")).contains("./runbooks:/srv/aftermath/runbooks"), "runbooks mounted");

        // Every use of a secret fails when it is unset; none has a default or a literal value.
        Matcher use = Pattern.compile("\\$\\{(AFTERMATH_[A-Z_]+)(:?[-?])?([^}]*)}").matcher(text);
        int secretUses = 0;
        while (use.find()) {
            if (SECRETS.contains(use.group(1))) {
                secretUses++;
                assertEquals(":?", use.group(2), use.group());
                assertFalse(use.group(3).isBlank(), "says what to set: " + use.group());
            }
        }
        assertTrue(secretUses >= 4, "db password twice, admin password, session key");
        Map<String, Object> env = (Map<String, Object>) app.get("environment");
        for (String key : List.of("QUARKUS_DATASOURCE_PASSWORD", "AFTERMATH_ADMIN_PASSWORD", "AFTERMATH_SESSION_KEY")) {
            assertTrue(String.valueOf(env.get(key)).startsWith("${"), key + " comes from .env");
        }
    }

    @Test
    void theDockerfileBuildsWithTheWrapperInAJdkAndRunsOnAJre() throws Exception {
        List<String> from = Files.readAllLines(Path.of("Dockerfile")).stream().filter(l -> l.startsWith("FROM ")).toList();
        assertEquals(2, from.size(), from.toString());
        assertTrue(from.get(0).contains("-jdk") && from.get(0).endsWith(" AS build"), from.get(0));
        assertTrue(from.get(1).contains("-jre"), from.get(1));
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertTrue(dockerfile.contains("./mvnw -B -ntp -q package"));
        assertTrue(dockerfile.contains("COPY --from=build /build/target/quarkus-app/"));
        assertTrue(dockerfile.contains("postgresql-client"), "pg_dump for backups");
        assertTrue(dockerfile.contains("\nUSER aftermath"), "not root");
    }

    @Test
    void theSystemdUnitRunsHardenedAsItsOwnUser() throws Exception {
        String unit = Files.readString(Path.of("deploy/aftermath.service"));
        for (String line : List.of("User=aftermath", "StateDirectory=aftermath", "NoNewPrivileges=true", "ProtectSystem=strict",
                "ProtectHome=true", "PrivateTmp=true", "Environment=QUARKUS_HTTP_PROXY_TRUSTED_PROXIES=127.0.0.1")) {
            assertTrue(unit.contains("\n" + line), line);
        }
        for (String proxy : List.of("deploy/Caddyfile", "deploy/nginx.conf")) {
            String text = Files.readString(Path.of(proxy));
            assertTrue(text.contains("X-Forwarded-Proto") && text.contains("X-Forwarded-Host"), proxy);
        }
    }
}
