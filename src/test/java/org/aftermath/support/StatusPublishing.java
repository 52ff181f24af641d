package org.aftermath.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * A server that publishes the status page to target/status-site shortly after each change. Its own profile, so
 * the background publishing stays out of tests that count SQL statements.
 */
public class StatusPublishing implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("aftermath.status.publish.dir", "target/status-site",
                "aftermath.status.publish.debounce", "PT0.2S");
    }
}
