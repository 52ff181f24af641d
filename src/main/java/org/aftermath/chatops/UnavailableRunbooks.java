package org.aftermath.chatops;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.aftermath.ConflictException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The runbook gateway of a server without a runbook engine: every runbook command says so. */
public class UnavailableRunbooks implements RunbookGateway {

    static final String MESSAGE = "Runbooks are not available on this server.";

    /** Produced as the interface, so any bean implementing {@link RunbookGateway} replaces it. */
    @Singleton
    static class Default {
        @Produces
        @DefaultBean
        @ApplicationScoped
        RunbookGateway unavailableRunbooks() {
            return new UnavailableRunbooks();
        }
    }

    @Override
    public List<RunbookInfo> list() {
        throw unavailable();
    }

    @Override
    public long start(long incidentId, String slug, Map<String, String> params, boolean execute, String actor,
                      String source) {
        throw unavailable();
    }

    @Override
    public long confirm(long runId, String actor, String source) {
        throw unavailable();
    }

    @Override
    public Optional<String> summary(long runId) {
        return Optional.empty();
    }

    private static ConflictException unavailable() {
        return new ConflictException("runbooks-unavailable", MESSAGE);
    }
}
