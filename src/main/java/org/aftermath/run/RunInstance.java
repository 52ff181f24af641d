package org.aftermath.run;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This process as a holder of runs: the id its heartbeat row and its runs carry, and the secret parameter
 * values of its runs, which exist only here (the database stores the mask). A restart is a new instance.
 */
@ApplicationScoped
public class RunInstance {

    private final String host;
    private final String id;
    private final Map<Long, Map<String, String>> secrets = new ConcurrentHashMap<>();

    RunInstance() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            name = "localhost";
        }
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        this.host = name.length() > 60 ? name.substring(0, 60) : name;
        this.id = host + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
    }

    public String id() {
        return id;
    }

    public String host() {
        return host;
    }

    /** Secret values by environment variable name; only this instance can run the run afterwards. */
    void keepSecrets(long runId, Map<String, String> values) {
        if (!values.isEmpty()) {
            secrets.put(runId, Map.copyOf(values));
        }
    }

    public Map<String, String> secretsOf(long runId) {
        return secrets.getOrDefault(runId, Map.of());
    }

    void forgetSecrets(long runId) {
        secrets.remove(runId);
    }
}
