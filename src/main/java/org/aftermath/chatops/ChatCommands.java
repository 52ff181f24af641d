package org.aftermath.chatops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import org.aftermath.Change;
import org.aftermath.ConflictException;
import org.aftermath.InvalidInputException;
import org.aftermath.InvalidInputException.FieldError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.aftermath.NotFoundException;
import org.aftermath.chatops.ChatCommand.ChangeSeverity;
import org.aftermath.chatops.ChatCommand.Confirm;
import org.aftermath.chatops.ChatCommand.Declare;
import org.aftermath.chatops.ChatCommand.FollowUp;
import org.aftermath.chatops.ChatCommand.Help;
import org.aftermath.chatops.ChatCommand.Impacts;
import org.aftermath.chatops.ChatCommand.Link;
import org.aftermath.chatops.ChatCommand.ListOpen;
import org.aftermath.chatops.ChatCommand.Mitigated;
import org.aftermath.chatops.ChatCommand.Note;
import org.aftermath.chatops.ChatCommand.PublicUpdate;
import org.aftermath.chatops.ChatCommand.Resolve;
import org.aftermath.chatops.ChatCommand.Run;
import org.aftermath.chatops.ChatCommand.Runbooks;
import org.aftermath.chatops.ChatCommand.Status;
import org.aftermath.chatops.ChatCommand.Usage;
import org.aftermath.chatops.link.ChatLinkService;
import org.aftermath.chatops.link.ChatLinkService.Acting;
import org.aftermath.chatops.link.ChatLinkService.ChatIdentity;
import org.aftermath.followup.FollowUpKind;
import org.aftermath.followup.FollowUpService;
import org.aftermath.incident.Incident;
import org.aftermath.incident.IncidentService;
import org.aftermath.incident.IncidentService.Changes;
import org.aftermath.incident.IncidentService.Declaration;
import org.aftermath.incident.IncidentStatus;
import org.aftermath.status.StatusUpdates;
import org.aftermath.timeline.EventKind;
import org.aftermath.note.TimelineNotes;
import org.aftermath.timeline.TimelineEvent;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Runs a verified slash command as the Aftermath user its chat account is linked to, with that user's role,
 * through the same services the pages and the API use; answers every outcome, refusals included, as a reply.
 */
@ApplicationScoped
public class ChatCommands {

    private static final Logger LOG = Logger.getLogger(ChatCommands.class);

    private final ChatCommandParser parser = new ChatCommandParser();
    private final ChatText text;
    private final ChatDeliveries deliveries;
    private final ChatLinkService links;
    private final IncidentService incidents;
    private final TimelineNotes notes;
    private final FollowUpService followUps;
    private final StatusUpdates statusUpdates;
    private final EngineRunbooks runbooks;
    private final ResponseUrlPoster poster;
    private final Clock clock;
    private final MeterRegistry meters;

    ChatCommands(ChatText text, ChatDeliveries deliveries, ChatLinkService links, IncidentService incidents,
                 TimelineNotes notes, FollowUpService followUps, StatusUpdates statusUpdates, EngineRunbooks runbooks,
                 ResponseUrlPoster poster, Clock clock, MeterRegistry meters) {
        this.meters = meters;
        this.text = text;
        this.deliveries = deliveries;
        this.links = links;
        this.incidents = incidents;
        this.notes = notes;
        this.followUps = followUps;
        this.statusUpdates = statusUpdates;
        this.runbooks = runbooks;
        this.poster = poster;
        this.clock = clock;
    }

    /** A reply, and what must happen once it has been sent (a run's outcome may follow it, never precede it). */
    public record Handled(ChatReply reply, Runnable afterReply) {
        static Handled of(ChatReply reply) {
            return new Handled(reply, () -> {
            });
        }
    }

    /** Never throws: whatever happens, chat gets a reply it can show. */
    public Handled handle(ChatRequest request) {
        try {
            ChatCommand command = parser.parse(request.text());
            if (!command.changesState()) {
                return execute(request, command);
            }
            ChatDeliveries.Claim claim = deliveries.claim(request.platform(), request.deliveryKey());
            if (claim.isRepeat()) {
                LOG.infof("Repeated %s delivery from %s/%s answered with the first answer",
                        request.platform().displayName, request.teamId(), request.userId());
                return Handled.of(claim.earlier());
            }
            Handled handled = execute(request, command);
            deliveries.remember(claim.id(), handled.reply());
            return handled;
        } catch (RuntimeException e) {
            return unexpected(request, e);
        }
    }

    /** Counts the command by platform, command and outcome (ok, refused, error) for /q/metrics. */
    private Handled execute(ChatRequest request, ChatCommand command) {
        String[] outcome = {"refused"};
        try {
            return execute(request, command, outcome);
        } finally {
            Counter.builder("aftermath.chat.commands").description("Chat commands answered")
                    .tag("platform", request.platform().name().toLowerCase())
                    .tag("command", command.getClass().getSimpleName().toLowerCase())
                    .tag("outcome", outcome[0]).register(meters).increment();
        }
    }

    private Handled execute(ChatRequest request, ChatCommand command, String[] outcome) {
        Platform platform = request.platform();
        Acting acting = links.actingUser(platform, request.teamId(), request.userId()).orElse(null);
        if (command.needs() != null && acting == null) {
            return ephemeral("Link your " + platform.displayName + " account to your Aftermath user first: type `"
                    + text.command() + " link`, or ask an admin to link " + platform.displayName + " user "
                    + request.userId() + " in team " + request.teamId() + ".");
        }
        if (command.needs() != null && !acting.role().includes(command.needs())) {
            return ephemeral("You act as " + acting.username() + " (" + acting.role().id() + "); this needs the "
                    + command.needs().id() + " role. Ask an admin if you need it.");
        }
        try {
            Handled handled = dispatch(request, command, acting);
            outcome[0] = command instanceof Help || command instanceof Usage ? "help" : "ok";
            return handled;
        } catch (NotFoundException | ConflictException e) {
            return ephemeral(platform.escape(e.getMessage()));
        } catch (InvalidInputException e) {
            return ephemeral(platform.escape(refusal(e)));
        } catch (OptimisticLockException | StaleStateException e) {
            return ephemeral("Someone else changed this at the same moment; try again.");
        } catch (RuntimeException e) {
            outcome[0] = "error";
            return unexpected(request, e);
        }
    }

    private static Handled unexpected(ChatRequest request, RuntimeException e) {
        String errorId = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "Unexpected error %s on %s command '%s'", errorId, request.platform().displayName, request.text());
        return ephemeral("Something went wrong on our side; quote error id " + errorId + " to your administrator.");
    }

    private Handled dispatch(ChatRequest request, ChatCommand command, Acting acting) {
        Platform platform = request.platform();
        String actor = acting == null ? null : acting.username();
        String source = request.source();
        // Help and usage quote what was typed and show <placeholders>, which Slack would read as links.
        if (command instanceof Help help) {
            return ephemeral(platform.escape(text.help(platform, help.problem(), acting == null ? null
                    : acting.username() + ", " + acting.role().id(), parser)));
        }
        if (command instanceof Usage usage) {
            return ephemeral(platform.escape(text.usage(usage.name(), usage.message())));
        }
        if (command instanceof ListOpen) {
            return ephemeral(text.openIncidents(platform, incidents.open()));
        }
        if (command instanceof Status status) {
            return ephemeral(status.incidentId() == null ? text.openIncidents(platform, incidents.open())
                    : text.status(platform, incidents.require(status.incidentId()), TimelineEvent.forIncident(status.incidentId())));
        }
        if (command instanceof Declare declare) {
            Incident incident = incidents.declare(new Declaration(declare.title(), null, declare.severity(), null, null),
                    actor, source);
            return inChannel(":rotating_light: " + actor + " declared " + platform.bold("incident #" + incident.id)
                    + " (" + incident.severity + "): " + platform.escape(incident.title) + " — "
                    + platform.link(text.incidentUrl(incident.id), text.incidentUrl(incident.id)));
        }
        if (command instanceof Note note) {
            notes.add(note.incidentId(), note.text(), time(note.at()), EventKind.NOTE, false, actor, source);
            return ephemeral("Note added to " + incidentLink(platform, note.incidentId()) + ".");
        }
        if (command instanceof ChatCommand.Ack ack) {
            notes.add(ack.incidentId(), actor + " acknowledged", null, EventKind.CHAT, true, actor, source);
            Incident incident = incidents.require(ack.incidentId());
            return inChannel(":eyes: " + actor + " acknowledged " + incidentLink(platform, incident.id) + ": "
                    + platform.escape(incident.title));
        }
        if (command instanceof ChangeSeverity sev) {
            Incident incident = incidents.update(sev.incidentId(), severityOnly(sev), null, actor, source);
            return inChannel(actor + " set " + incidentLink(platform, incident.id) + " to " + incident.severity + ".");
        }
        if (command instanceof Mitigated mitigated) {
            Incident incident = incidents.changeStatus(mitigated.incidentId(), IncidentStatus.MITIGATED,
                    time(mitigated.at()), null, null, actor, source);
            return inChannel(actor + " marked " + incidentLink(platform, incident.id) + " mitigated: "
                    + platform.escape(incident.title));
        }
        if (command instanceof Resolve resolve) {
            Incident incident = incidents.changeStatus(resolve.incidentId(), IncidentStatus.RESOLVED,
                    time(resolve.at()), null, null, actor, source);
            return inChannel(":white_check_mark: " + actor + " resolved " + platform.bold("incident #" + incident.id)
                    + ": " + platform.escape(incident.title) + " — "
                    + platform.link(text.incidentUrl(incident.id), text.incidentUrl(incident.id)));
        }
        if (command instanceof PublicUpdate update) {
            var posted = statusUpdates.postContinuing(update.incidentId(), update.status(), update.text(), actor, source);
            return ephemeral("Public update (" + posted.status.id() + ") posted on "
                    + incidentLink(platform, update.incidentId()) + ": " + platform.escape(posted.text));
        }
        if (command instanceof Impacts impacts) {
            var saved = statusUpdates.setImpacts(impacts.incidentId(), impacts.impacts().entrySet().stream()
                    .map(e -> new StatusUpdates.ImpactChoice(e.getKey(), e.getValue())).toList(), actor, source);
            return ephemeral("Impact of " + incidentLink(platform, impacts.incidentId()) + ": " + (saved.isEmpty() ? "none"
                    : saved.stream().map(i -> platform.escape(i.name()) + " " + i.impact().label.toLowerCase())
                    .collect(Collectors.joining(", "))) + ".");
        }
        if (command instanceof FollowUp followUp) {
            var added = followUps.add(followUp.incidentId(), followUp.title(), FollowUpKind.CORRECTIVE, null, null,
                    actor, source);
            return ephemeral("Follow-up #" + added.id + " (corrective) added to "
                    + incidentLink(platform, followUp.incidentId()) + ": " + platform.escape(added.title));
        }
        if (command instanceof Runbooks) {
            var all = runbooks.list();
            return ephemeral(all.isEmpty() ? "There are no runbooks." : "Runbooks:\n" + all.stream()
                    .map(r -> "• `" + r.slug() + "` " + platform.escape(r.title())).collect(Collectors.joining("\n")));
        }
        if (command instanceof Run run) {
            long runId = runbooks.start(run.incidentId(), run.runbook(), run.params(), run.execute(), actor, source);
            ChatReply reply = run.execute()
                    ? ChatReply.inChannel(actor + " started run #" + runId + " (execute) of `" + run.runbook() + "` on "
                    + incidentLink(platform, run.incidentId()) + "… the outcome follows here.")
                    : ChatReply.ephemeral("Started run #" + runId + " (plan) of `" + run.runbook() + "` on "
                    + incidentLink(platform, run.incidentId()) + "… the plan follows here; `" + text.command()
                    + " confirm " + runId + "` executes it.");
            return followedByOutcome(request, reply, runId, run.incidentId(), actor);
        }
        if (command instanceof Confirm confirm) {
            long runId = runbooks.confirm(confirm.runId(), actor, source);
            return followedByOutcome(request, ChatReply.inChannel(actor + " confirmed run #" + confirm.runId()
                    + "; executing as run #" + runId + "… the outcome follows here."), runId, null, actor);
        }
        if (command instanceof Link) {
            if (!request.identifiesUser()) {
                return ephemeral("This request does not say which " + platform.displayName + " user sent it.");
            }
            String code = links.issueCode(new ChatIdentity(platform, request.teamId(), request.teamName(),
                    request.userId(), request.userName()));
            return ephemeral("To act as your Aftermath user here, log in to Aftermath, open "
                    + platform.link(text.url("/account/chat"), text.url("/account/chat")) + " and enter the code "
                    + platform.bold(code) + " within " + ChatLinkService.CODE_LIFETIME.toMinutes()
                    + " minutes. Never enter a code someone else gave you.");
        }
        throw new IllegalStateException("No handler for " + command);
    }

    private Handled followedByOutcome(ChatRequest request, ChatReply reply, long runId, Long incidentId, String actor) {
        if (request.responseUrl() == null) {
            return Handled.of(reply);
        }
        long invocation = poster.remember(request.platform(), runId, incidentId, request.responseUrl(),
                reply.responseType(), actor);
        return new Handled(reply, () -> poster.answered(invocation));
    }

    private Instant time(ChatTime at) {
        return at == null ? null : at.on(clock);
    }

    /**
     * What was refused, in words: a message that is a sentence of its own ("Resolved at must not be in the
     * future …") is shown as it is; a short one ("must not be blank") after the name of its field.
     */
    private static String refusal(InvalidInputException e) {
        return e.errors().stream().map(ChatCommands::refusal).collect(Collectors.joining("; ")) + ".";
    }

    private static String refusal(FieldError error) {
        boolean sentence = !error.message().isEmpty() && Character.isUpperCase(error.message().codePointAt(0));
        return sentence ? error.message() : error.field() + " " + error.message();
    }

    private String incidentLink(Platform platform, long incidentId) {
        return platform.link(text.incidentUrl(incidentId), "incident #" + incidentId);
    }

    private static Changes severityOnly(ChangeSeverity sev) {
        return new Changes(Change.absent(), Change.absent(), Change.to(sev.severity()), Change.absent(), Change.absent(),
                Change.absent(), Change.absent(), Change.absent());
    }

    private static Handled ephemeral(String text) {
        return Handled.of(ChatReply.ephemeral(text));
    }

    private static Handled inChannel(String text) {
        return Handled.of(ChatReply.inChannel(text));
    }
}
