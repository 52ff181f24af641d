package org.aftermath.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Tests of the runbooks that ship in runbooks/, instead of the test fixtures. */
public class ShippedRunbooks implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("aftermath.runbooks.dir", "runbooks");
    }
}
