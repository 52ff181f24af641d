package org.aftermath.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.aftermath.InvalidInputException;
import org.aftermath.InvalidInputException.FieldError;
import org.aftermath.security.Role;
import org.aftermath.web.MalformedRequestException;

import java.util.List;
import java.util.function.Supplier;

/**
 * Webhooks for monitoring systems, called with a token of the {@code alerts} role (an admin may call them too):
 * Alertmanager and Grafana, and Uptime Kuma.
 */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.POST_ALERTS)
public class AlertApi {

    private final AlertService alerts;
    private final AlertsConfig config;
    private final MeterRegistry meters;

    AlertApi(AlertService alerts, AlertsConfig config, MeterRegistry meters) {
        this.alerts = alerts;
        this.config = config;
        this.meters = meters;
    }

    /** The answer to a delivery: where it went and what it did ({@code declared}, {@code updated}, {@code ignored}). */
    public record ReceivedJson(Long incidentId, String outcome, int recorded) {
        static ReceivedJson of(AlertService.Outcome outcome) {
            return new ReceivedJson(outcome.incidentId(), outcome.name(), outcome.recorded());
        }
    }

    @POST
    @Path("alertmanager")
    public ReceivedJson alertmanager(AlertmanagerPayload payload) {
        return counted(AlertSource.ALERTMANAGER, () -> ReceivedJson.of(alerts.receive(required(payload).toBatch(config))));
    }

    @POST
    @Path("uptime-kuma")
    public ReceivedJson uptimeKuma(UptimeKumaPayload payload) {
        return counted(AlertSource.UPTIME_KUMA, () -> required(payload).isStateChange()
                ? ReceivedJson.of(alerts.receive(payload.toBatch(config)))
                : new ReceivedJson(null, "ignored", 0));
    }

    /** Counts the delivery by source and outcome (declared, updated, ignored, malformed, failed) for /q/metrics. */
    private ReceivedJson counted(AlertSource source, Supplier<ReceivedJson> delivery) {
        String outcome = "failed";
        try {
            ReceivedJson received = delivery.get();
            outcome = received.outcome();
            return received;
        } catch (MalformedRequestException | InvalidInputException e) {
            outcome = "malformed";
            throw e;
        } finally {
            Counter.builder("aftermath.alert.webhooks").description("Alert deliveries received")
                    .tag("source", source.id).tag("outcome", outcome).register(meters).increment();
        }
    }

    private static <T> T required(T payload) {
        if (payload == null) {
            throw new MalformedRequestException(List.of(new FieldError("body", "a JSON object is required")));
        }
        return payload;
    }
}
