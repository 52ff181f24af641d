package org.aftermath.chatops;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.aftermath.run.RunAwaitingConfirmation;
import org.aftermath.run.RunFinished;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Posts a runbook run's outcome to the {@code response_url} of the chat command that started it, after the
 * command's own answer has gone out (chat must answer within 3 s; the run takes as long as it takes), and at
 * most {@value #MAX_POSTS} times within 30 minutes of the command, which is what Slack accepts.
 *
 * <p>It hears of runs through the engine's events: a run stopping at a confirmation gate is announced
 * (with the command that releases it), a finished run's outcome is posted with each step's exit code.
 * A run may finish before the command that started it has stored its invocation (a fast plan); such an
 * outcome is held for a minute and posted when the invocation arrives.
 */
@ApplicationScoped
public class ResponseUrlPoster {

    private static final Logger LOG = Logger.getLogger(ResponseUrlPoster.class);
    public static final int MAX_POSTS = 5;
    public static final Duration WINDOW = Duration.ofMinutes(30);
    /** If the answer's end is never reported (a dropped connection), the outcome goes out anyway after this. */
    static final Duration ACK_WAIT = Duration.ofSeconds(10);
    private static final Duration EARLY_KEEP = Duration.ofMinutes(1);

    private final ChatHttp http;
    private final Clock clock;
    private final EngineRunbooks runbooks;
    private final ChatOpsConfig config;

    /** Run id to the latest chat invocation awaiting its outcome. Guarded by {@code this}. */
    private final Map<Long, Watch> watches = new HashMap<>();
    /** Invocation id to the watch whose gate opens once its answer has been sent. Guarded by {@code this}. */
    private final Map<Long, Watch> unanswered = new HashMap<>();
    /** Outcomes of runs not (yet) known to have a chat invocation. Guarded by {@code this}. */
    private final Map<Long, Early> early = new HashMap<>();

    private record Watch(long invocationId, Instant createdAt, CompletableFuture<Void> answered) {
    }

    private record Early(String status, Instant at) {
    }

    ResponseUrlPoster(ChatHttp http, Clock clock, EngineRunbooks runbooks, ChatOpsConfig config) {
        this.http = http;
        this.clock = clock;
        this.runbooks = runbooks;
        this.config = config;
    }

    void onRunFinished(@Observes RunFinished finished) {
        runFinished(finished.runId(), finished.status());
    }

    void onAwaitingConfirmation(@Observes RunAwaitingConfirmation waiting) {
        Watch watch;
        synchronized (this) {
            watch = watches.get(waiting.runId());
        }
        if (watch != null) {
            String text = "Run #" + waiting.runId() + " waits for confirmation before step `" + waiting.step()
                    + "`: `" + config.command() + " confirm " + waiting.runId() + "` releases it (by "
                    + waiting.whoMayConfirm() + ").";
            watch.answered().completeOnTimeout(null, ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .thenRunAsync(() -> post(watch.invocationId(), text), http);
        }
    }

    /**
     * Records where run {@code runId}'s outcome goes. Its answer counts as not yet sent until
     * {@link #answered(long)} is called with the returned invocation id.
     */
    @Transactional
    public long remember(Platform platform, long runId, Long incidentId, String responseUrl, String responseType,
                         String actor) {
        Instant now = clock.instant();
        ChatInvocation invocation = new ChatInvocation();
        invocation.platform = platform;
        invocation.runId = runId;
        invocation.incidentId = incidentId;
        invocation.responseUrl = responseUrl;
        invocation.responseType = responseType;
        invocation.actor = actor;
        invocation.createdAt = now;
        invocation.persist();
        Watch watch = new Watch(invocation.id, now, new CompletableFuture<>());
        Early finishedAlready;
        synchronized (this) {
            prune(now);
            unanswered.put(invocation.id, watch);
            finishedAlready = early.remove(runId);
            if (finishedAlready == null) {
                watches.put(runId, watch);
            }
        }
        if (finishedAlready != null) {
            schedule(runId, watch, finishedAlready.status());
        }
        return invocation.id;
    }

    /** The command's own answer has been sent: outcomes waiting for it may go now. */
    public void answered(long invocationId) {
        Watch watch;
        synchronized (this) {
            watch = unanswered.remove(invocationId);
        }
        if (watch != null) {
            watch.answered().complete(null);
        }
    }

    /** A run ended; if chat started it, its outcome is posted there (never before the command's answer). */
    public void runFinished(long runId, String status) {
        Instant now = clock.instant();
        Watch watch;
        synchronized (this) {
            prune(now);
            watch = watches.remove(runId);
            if (watch == null) {
                early.put(runId, new Early(status, now));
            }
        }
        if (watch != null) {
            schedule(runId, watch, status);
        }
    }

    private void schedule(long runId, Watch watch, String status) {
        watch.answered().completeOnTimeout(null, ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .thenRunAsync(() -> post(watch.invocationId(), outcome(runId, status)), http);
    }

    private String outcome(long runId, String status) {
        String summary;
        try {
            summary = runbooks.summary(runId).map(s -> "\n" + s.strip()).orElse("");
        } catch (RuntimeException e) {
            LOG.warnf(e, "No summary of run %d for chat", runId);
            summary = "";
        }
        return "Run #" + runId + " finished: " + status + summary;
    }

    /**
     * Posts {@code text} to the invocation's response_url, if it still may (at most {@value #MAX_POSTS} posts
     * within 30 minutes of the command). Blocks; true when chat accepted it.
     */
    public boolean post(long invocationId, String text) {
        Optional<ChatInvocation> slot = QuarkusTransaction.requiringNew().call(() -> {
            int claimed = ChatInvocation.getEntityManager().createNativeQuery(
                            "update chat_invocation set posts = posts + 1 where id = ?1 and posts < ?2 and created_at > ?3")
                    .setParameter(1, invocationId).setParameter(2, MAX_POSTS)
                    .setParameter(3, clock.instant().minus(WINDOW)).executeUpdate();
            return claimed == 1 ? Optional.of(ChatInvocation.<ChatInvocation>findById(invocationId)) : Optional.empty();
        });
        if (slot.isEmpty()) {
            LOG.infof("Chat invocation %d may not be posted to any more (%d posts or 30 minutes used up)",
                    invocationId, MAX_POSTS);
            return false;
        }
        ChatInvocation invocation = slot.get();
        return http.post(invocation.responseUrl, new ChatReply(invocation.responseType, text));
    }

    private void prune(Instant now) {
        Instant tooOld = now.minus(WINDOW);
        watches.values().removeIf(w -> w.createdAt().isBefore(tooOld));
        unanswered.values().removeIf(w -> w.createdAt().isBefore(tooOld));
        early.values().removeIf(e -> e.at().isBefore(now.minus(EARLY_KEEP)));
    }
}
