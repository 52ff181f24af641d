package org.aftermath.run.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.aftermath.run.RunOutput;
import org.aftermath.run.RunOutput.Chunk;
import org.aftermath.run.RunSignal;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Live output over server-sent events. A client gets the run's state, then every chunk after the last one it
 * saw, read from the table whenever a NOTIFY says there is more (whichever instance ran the step), then an
 * {@code end} event once the run has finished and it has every chunk. Chunks are read only as fast as the
 * client takes them, so a slow client costs a few queued events, never the whole output in memory.
 */
@ApplicationScoped
public class RunStreams {

    private static final Logger LOG = Logger.getLogger(RunStreams.class);
    private static final int PAGE = 100;

    private final RunViews views;
    private final RunOutput output;
    private final ObjectMapper json;
    private final Map<Long, Set<Client>> clients = new ConcurrentHashMap<>();
    /** One thread does all the reading and sending, off the event loop and off the listener thread. */
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "aftermath-run-streams");
        thread.setDaemon(true);
        return thread;
    });

    RunStreams(RunViews views, RunOutput output, ObjectMapper json) {
        this.views = views;
        this.output = output;
        this.json = json;
        // Keeps idle connections open through proxies.
        worker.scheduleWithFixedDelay(this::ping, 15, 15, TimeUnit.SECONDS);
    }

    private static final class Client {
        final long runId;
        final MultiEmitter<? super OutboundSseEvent> emitter;
        final Sse sse;
        final Deque<OutboundSseEvent> queue = new ArrayDeque<>();
        int lastSeq;
        boolean moreOutput = true;
        boolean greeted;
        boolean finished;
        boolean ending;

        Client(long runId, MultiEmitter<? super OutboundSseEvent> emitter, Sse sse, int lastSeq) {
            this.runId = runId;
            this.emitter = emitter;
            this.sse = sse;
            this.lastSeq = lastSeq;
        }
    }

    /**
     * What a stream request says, the same at both addresses (the run page's and the API's): which run, and
     * where to resume.
     */
    public record Resume(@RestPath long id, @RestQuery Integer after, @RestHeader("Last-Event-ID") String lastEventId) {

        /** The browser's Last-Event-ID after a reconnect, else {@code ?after=}, else the start. */
        int afterSeq() {
            if (lastEventId != null && lastEventId.strip().matches("[0-9]{1,9}")) {
                return Integer.parseInt(lastEventId.strip());
            }
            return after == null ? 0 : Math.max(0, after);
        }
    }

    /** The stream a {@link Resume} request asks for. */
    public Multi<OutboundSseEvent> open(Resume request, Sse sse) {
        return open(request.id(), request.afterSeq(), sse);
    }

    /** The stream of run {@code runId} (404 if there is none) for a client that has seen output up to {@code afterSeq}. */
    public Multi<OutboundSseEvent> open(long runId, int afterSeq, Sse sse) {
        views.state(runId);
        return Multi.createFrom().emitter(emitter -> {
            Client client = new Client(runId, emitter, sse, Math.max(0, afterSeq));
            clients.computeIfAbsent(runId, id -> ConcurrentHashMap.newKeySet()).add(client);
            emitter.onTermination(() -> forget(client));
            emitter.onRequest(n -> worker.execute(() -> pump(client)));
            // Read after registering, so no change can slip in between.
            worker.execute(() -> state(client, views.state(runId)));
        }, BackPressureStrategy.BUFFER);
    }

    void onSignal(@Observes RunSignal signal) {
        switch (signal.kind()) {
            case OUTPUT -> worker.execute(() -> each(signal.runId(), client -> {
                client.moreOutput = true;
                pump(client);
            }));
            case STATE -> worker.execute(() -> {
                if (clients.containsKey(signal.runId())) {
                    RunView.State state = views.state(signal.runId());
                    each(signal.runId(), client -> state(client, state));
                }
            });
            case RESYNC -> worker.execute(() -> clients.keySet().forEach(runId -> {
                RunView.State state = views.state(runId);
                each(runId, client -> {
                    client.moreOutput = true;
                    state(client, state);
                });
            }));
            default -> {
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
        clients.values().forEach(set -> set.forEach(client -> client.emitter.complete()));
    }

    private void state(Client client, RunView.State state) {
        synchronized (client) {
            if (client.ending) {
                return;
            }
            // A new client learns the state first; after that, output stored before a change is sent before it.
            client.moreOutput = true;
            if (client.greeted) {
                fill(client);
            }
            client.greeted = true;
            client.queue.addLast(event(client, "state", null, state));
            client.finished = state.status().finished();
            pump(client);
        }
    }

    /** Emits what the client has asked for, reading more chunks from the table as the queue runs dry. */
    private void pump(Client client) {
        synchronized (client) {
            while (!client.emitter.isCancelled() && client.emitter.requested() > 0) {
                if (client.queue.isEmpty()) {
                    fill(client);
                }
                if (client.queue.isEmpty()) {
                    if (client.finished && !client.ending) {
                        client.ending = true;
                        client.queue.addLast(event(client, "end", null, Map.of("id", client.runId)));
                        continue;
                    }
                    return;
                }
                OutboundSseEvent next = client.queue.pollFirst();
                client.emitter.emit(next);
                if ("end".equals(next.getName())) {
                    client.emitter.complete();
                    return;
                }
            }
        }
    }

    private void fill(Client client) {
        while (client.moreOutput && client.queue.size() < PAGE) {
            List<Chunk> chunks = output.after(client.runId, client.lastSeq, PAGE);
            for (Chunk chunk : chunks) {
                client.queue.addLast(event(client, "output", Integer.toString(chunk.seq()), chunk));
                client.lastSeq = chunk.seq();
            }
            client.moreOutput = chunks.size() == PAGE;
        }
    }

    private OutboundSseEvent event(Client client, String name, String id, Object data) {
        try {
            OutboundSseEvent.Builder event = client.sse.newEventBuilder().name(name)
                    .data(String.class, json.writeValueAsString(data));
            return id == null ? event.build() : event.id(id).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void ping() {
        clients.values().forEach(set -> set.forEach(client -> {
            synchronized (client) {
                if (client.queue.isEmpty() && !client.ending) {
                    client.queue.addLast(client.sse.newEventBuilder().comment("ping").data(String.class, "").build());
                    pump(client);
                }
            }
        }));
    }

    private void each(long runId, java.util.function.Consumer<Client> action) {
        Set<Client> set = clients.get(runId);
        if (set == null) {
            return;
        }
        for (Client client : set) {
            try {
                action.accept(client);
            } catch (RuntimeException e) {
                LOG.debugf("Dropping a live client of run %d: %s", runId, e.getMessage());
                client.emitter.fail(e);
            }
        }
    }

    private void forget(Client client) {
        clients.computeIfPresent(client.runId, (id, set) -> {
            set.remove(client);
            return set.isEmpty() ? null : set;
        });
    }
}
