package org.aftermath.run.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.aftermath.run.RunOutput;
import org.aftermath.run.RunOutput.Chunk;
import org.aftermath.run.RunSignal;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live output over server-sent events. Every client of a run gets its state, then every chunk after the one
 * it last saw, read from the table whenever a NOTIFY says there is more (whichever instance ran the step),
 * then an {@code end} event when the run finishes. A slow client is not fed faster than it reads: it catches
 * up from the table later instead of piling events up in memory.
 */
@ApplicationScoped
public class RunStreams {

    private static final Logger LOG = Logger.getLogger(RunStreams.class);
    private static final int IN_FLIGHT_MAX = 64;
    private static final int PAGE = 100;

    private final RunViews views;
    private final RunOutput output;
    private final ObjectMapper json;
    private final Map<Long, Set<Client>> clients = new ConcurrentHashMap<>();
    private ScheduledExecutorService pings;

    RunStreams(RunViews views, RunOutput output, ObjectMapper json) {
        this.views = views;
        this.output = output;
        this.json = json;
    }

    private static final class Client {
        final long runId;
        final SseEventSink sink;
        final Sse sse;
        final AtomicInteger inFlight = new AtomicInteger();
        int lastSeq;
        boolean finished;
        boolean ended;

        Client(long runId, SseEventSink sink, Sse sse, int lastSeq) {
            this.runId = runId;
            this.sink = sink;
            this.sse = sse;
            this.lastSeq = lastSeq;
        }
    }

    void start(@Observes StartupEvent event) {
        pings = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "aftermath-run-stream-ping");
            thread.setDaemon(true);
            return thread;
        });
        // Keeps idle connections open through proxies, and lets slow clients catch up.
        pings.scheduleWithFixedDelay(this::ping, 15, 15, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (pings != null) {
            pings.shutdownNow();
        }
        clients.values().forEach(set -> set.forEach(c -> close(c)));
    }

    /** Where a client resumes: the browser's Last-Event-ID after a reconnect, else {@code ?after=}, else the start. */
    static int resumeFrom(Integer after, String lastEventId) {
        if (lastEventId != null && lastEventId.strip().matches("[0-9]{1,9}")) {
            return Integer.parseInt(lastEventId.strip());
        }
        return after == null ? 0 : Math.max(0, after);
    }

    /** Streams run {@code runId} (404 if there is none) to a client that has seen output up to {@code afterSeq}. */
    public void open(long runId, int afterSeq, SseEventSink sink, Sse sse) {
        views.state(runId);
        Client client = new Client(runId, sink, sse, Math.max(0, afterSeq));
        clients.computeIfAbsent(runId, id -> ConcurrentHashMap.newKeySet()).add(client);
        refresh(client, views.state(runId)); // read after registering, so no change can slip between
    }

    void onSignal(@Observes RunSignal signal) {
        switch (signal.kind()) {
            case OUTPUT -> forEach(signal.runId(), client -> {
                synchronized (client) {
                    catchUp(client);
                }
            });
            case STATE -> {
                if (clients.containsKey(signal.runId())) {
                    RunView.State state = views.state(signal.runId());
                    forEach(signal.runId(), client -> refresh(client, state));
                }
            }
            case RESYNC -> clients.keySet().forEach(runId -> {
                RunView.State state = views.state(runId);
                forEach(runId, client -> refresh(client, state));
            });
            default -> {
            }
        }
    }

    private void refresh(Client client, RunView.State state) {
        synchronized (client) {
            if (client.ended) {
                return;
            }
            send(client, "state", null, state);
            client.finished = state.status().finished();
            endIfDone(client, catchUp(client));
        }
    }

    /** A finished run's stream ends once the client has every chunk; the client should not reconnect. */
    private void endIfDone(Client client, boolean caughtUp) {
        if (client.finished && caughtUp && !client.ended) {
            send(client, "end", null, Map.of("id", client.runId));
            close(client);
        }
    }

    /** Sends the chunks the client has not seen; false when it is too far behind to send them all now. */
    private boolean catchUp(Client client) {
        while (!client.ended && client.inFlight.get() < IN_FLIGHT_MAX) {
            List<Chunk> chunks = output.after(client.runId, client.lastSeq, PAGE);
            for (Chunk chunk : chunks) {
                send(client, "output", Integer.toString(chunk.seq()), chunk);
                client.lastSeq = chunk.seq();
            }
            if (chunks.size() < PAGE) {
                return true;
            }
        }
        return false;
    }

    private void send(Client client, String name, String id, Object data) {
        if (client.sink.isClosed()) {
            close(client);
            return;
        }
        String text;
        try {
            text = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        OutboundSseEvent.Builder event = client.sse.newEventBuilder().name(name).data(String.class, text);
        if (id != null) {
            event.id(id);
        }
        client.inFlight.incrementAndGet();
        try {
            client.sink.send(event.build()).whenComplete((ok, error) -> {
                client.inFlight.decrementAndGet();
                if (error != null) {
                    close(client);
                }
            });
        } catch (IllegalStateException e) {
            client.inFlight.decrementAndGet();
            close(client);
        }
    }

    private void ping() {
        clients.values().forEach(set -> set.forEach(client -> {
            synchronized (client) {
                if (client.sink.isClosed()) {
                    close(client);
                } else if (!client.ended) {
                    endIfDone(client, catchUp(client));
                    if (client.ended) {
                        return;
                    }
                    try {
                        client.sink.send(client.sse.newEventBuilder().comment("ping").data(String.class, "").build());
                    } catch (IllegalStateException e) {
                        close(client);
                    }
                }
            }
        }));
    }

    private void forEach(long runId, java.util.function.Consumer<Client> action) {
        Set<Client> set = clients.get(runId);
        if (set == null) {
            return;
        }
        for (Client client : new ArrayList<>(set)) {
            try {
                action.accept(client);
            } catch (RuntimeException e) {
                LOG.debugf("Dropping a live client of run %d: %s", runId, e.getMessage());
                close(client);
            }
        }
    }

    private void close(Client client) {
        client.ended = true;
        Set<Client> set = clients.get(client.runId);
        if (set != null) {
            set.remove(client);
            if (set.isEmpty()) {
                clients.remove(client.runId, set);
            }
        }
        try {
            client.sink.close();
        } catch (RuntimeException e) {
            LOG.debugf("Closing a live client of run %d: %s", client.runId, e.getMessage());
        }
    }

    /** Open live connections, for tests and diagnostics. */
    public int clientCount() {
        return clients.values().stream().mapToInt(Set::size).sum();
    }
}
