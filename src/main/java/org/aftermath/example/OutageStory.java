package org.aftermath.example;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.aftermath.Change;
import org.aftermath.followup.FollowUpKind;
import org.aftermath.followup.FollowUpService;
import org.aftermath.incident.Incident;
import org.aftermath.incident.IncidentService;
import org.aftermath.incident.IncidentService.Declaration;
import org.aftermath.incident.IncidentStatus;
import org.aftermath.incident.Severity;
import org.aftermath.mitigation.MitigationService;
import org.aftermath.mitigation.MitigationState;
import org.aftermath.mitigation.MitigationStep;
import org.aftermath.postmortem.Postmortem.Content;
import org.aftermath.postmortem.PostmortemService;
import org.aftermath.postmortem.Section;
import org.aftermath.timeline.EventKind;
import org.aftermath.timeline.TimelineService;
import org.aftermath.timeline.TimelineService.Entry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outage Aftermath was born from, rebuilt through the app's own services: a home server cut off for a day
 * by a cable modem that died during a reset (February 2023). Example data for new users, and the tests' fixture.
 */
@ApplicationScoped
public class OutageStory {

    public static final String TITLE = "Home server offline: cable modem failure";
    public static final Instant STARTED = Instant.parse("2023-02-07T16:00:00Z");
    public static final Instant RESOLVED = Instant.parse("2023-02-08T16:00:00Z");
    static final String OWNER = "ana";

    private final IncidentService incidents;
    private final TimelineService timeline;
    private final MitigationService mitigations;
    private final FollowUpService followUps;
    private final PostmortemService postmortems;

    OutageStory(IncidentService incidents, TimelineService timeline, MitigationService mitigations,
                FollowUpService followUps, PostmortemService postmortems) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.mitigations = mitigations;
        this.followUps = followUps;
        this.postmortems = postmortems;
    }

    /** Records the whole story as a new, resolved incident; {@code source} marks where its entries came from. */
    @Transactional
    public Incident create(String source) {
        Incident incident = incidents.declare(new Declaration(TITLE,
                "The cable modem died during a factory reset; mail, the blog and everything else hosted at home "
                        + "were offline until a replacement modem arrived.", Severity.SEV2, STARTED, STARTED), OWNER, source);
        long id = incident.id;
        note(id, "2023-02-07T15:00:00Z", true, source, "Reported a week of intermittent packet loss to the ISP "
                + "(Oricom). On their instructions, factory-reset the cable modem (a pin held in for 15 seconds).");
        note(id, "2023-02-07T16:30:00Z", false, source, "The ISP cannot fix it remotely and escalated to the "
                + "upstream cable operator (Vidéotron), who is sending a technician.");
        note(id, "2023-02-07T18:30:00Z", true, source, "Technician on site: the line is fine, the modem hardware "
                + "failed. The ISP is mailing a replacement modem.");

        MitigationStep website = mitigations.add(id, "Website rebuilt and served from a temporary host",
                "Rebuild the blog (ikiwiki) away from the home server; the custom plugins and theme made it slow.",
                MitigationState.IN_PROGRESS, at("2023-02-07T19:00:00Z"), OWNER, source);
        MitigationStep mail = mitigations.add(id, "Temporary mail server on a VM",
                "A fresh cloud VM with Postfix, Dovecot, OpenDKIM, OpenDMARC and spampd, seeded from the laptop's "
                        + "copy of the mail spool, so incoming mail stops risking a bounce.",
                MitigationState.IN_PROGRESS, at("2023-02-07T20:00:00Z"), OWNER, source);
        note(id, "2023-02-07T20:30:00Z", false, source, "Website paused: it does not build outside the home "
                + "server. Mail first, before anything starts to bounce.");
        done(mail, "2023-02-08T14:00:00Z", source);
        incidents.changeStatus(id, IncidentStatus.MITIGATED, at("2023-02-08T14:00:00Z"),
                "the temporary mail server accepts and stores mail", null, OWNER, source);
        note(id, "2023-02-08T14:20:00Z", false, source, "Sieve rules are installed on the VM but not wired up: "
                + "new mail lands unsorted in INBOX.");
        run(id, source, "2023-02-08T14:55:00Z", "2023-02-08T15:00:00Z", "sieve-refilter",
                "Re-file mail with the Sieve rules", "execute",
                params("mailbox", "INBOX", "user", OWNER, "imapPassword", "****"),
                List.of(step("plan", 0, 4_200), step("refilter", 0, 281_000)),
                "filed 143 messages into their folders, left 57 in INBOX");
        done(website, "2023-02-08T15:30:00Z", source);
        incidents.changeStatus(id, IncidentStatus.RESOLVED, RESOLVED,
                "replacement modem delivered and plugged in; the home server is back online", null, OWNER, source);
        run(id, source, "2023-02-08T16:40:00Z", "2023-02-08T16:41:10Z", "spool-transfer",
                "Move mail received by the relay back home", "plan",
                params("from", "relay-vm", "to", "home-server", "match", "*relay-vm*", "sshPassphrase", "****"),
                List.of(step("list", 0, 2_300), step("rsync-dry-run", 0, 65_000)),
                "would copy 201 messages delivered on the VM into the home Maildir");

        followUps.add(id, "Keep a mail relay (Postfix, OpenDMARC, Postgrey)", FollowUpKind.PREVENTIVE, OWNER,
                LocalDate.parse("2023-03-01"), OWNER, source);
        followUps.add(id, "Puppetize the mail server", FollowUpKind.CORRECTIVE, OWNER,
                LocalDate.parse("2023-04-01"), OWNER, source);
        postmortems.save(id, postmortem(), 0, OWNER);
        return incident;
    }

    /** What the owner wrote the day after; Summary and Root cause are left for the reader to write. */
    private static Content postmortem() {
        Map<Section, String> texts = new EnumMap<>(Section.class);
        texts.put(Section.IMPACT, "The home server was unreachable for a whole day: personal mail, the blog and "
                + "the other services it hosts. Mail sent during that time risked bouncing until a temporary "
                + "server took over the next morning.");
        texts.put(Section.TRIGGER, "A factory reset of the cable modem, done on the ISP's instructions to cure a "
                + "week of intermittent packet loss. The modem never synchronised again.");
        texts.put(Section.DETECTION, "At once: the link dropped during the reset and stayed down. The packet loss "
                + "before it had been noticed days earlier, and first blamed on Wi-Fi.");
        texts.put(Section.MITIGATION, "A temporary mail server on a cloud VM, seeded from the laptop's copy of the "
                + "mail spool, then the blog republished from the same VM.");
        texts.put(Section.RESOLUTION, "The ISP mailed a new modem; minutes after it was plugged in the home server "
                + "was back. The VM became a relay, and the mail it had received was moved home.");
        texts.put(Section.WENT_WELL, "- A full copy of the mail spool on the laptop made a fresh mail server "
                + "possible.\n- `sieve-filter` could sort the unsorted mail after the fact.");
        texts.put(Section.WENT_WRONG, "- Hours went into rebuilding the blog first; it does not build away from "
                + "its usual host.\n- A complete mail server was more than needed: a relay that queues mail would "
                + "have avoided bounces for far less work.\n- The mail server is not managed by Puppet, and the "
                + "Puppet server was down too.\n- The Sieve rules were installed but not wired up.");
        texts.put(Section.GOT_LUCKY, "The replacement modem came the next day, and hosting credits paid for the VM.");
        texts.put(Section.LESSONS_LEARNED, "Keep a small relay ready so an outage at home only delays mail. "
                + "Rebuilding everything during an outage is rarely worth it: waiting for the part would have "
                + "cost far less.");
        return new Content(texts, null, null);
    }

    private void note(long id, String when, boolean key, String source, String text) {
        timeline.record(new Entry(id, EventKind.NOTE, text, OWNER, source, at(when), null, key));
    }

    private void done(MitigationStep step, String when, String source) {
        mitigations.update(step.id, new MitigationService.Changes(Change.absent(), Change.absent(),
                Change.to(MitigationState.DONE), Change.absent(), Change.absent()), null, at(when), OWNER, source);
    }

    /** A finished run as the runbook engine reports it on the timeline. */
    private void run(long id, String source, String started, String finished, String runbook, String title,
                     String mode, Map<String, Object> params, List<Map<String, Object>> steps, String summary) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("event", "run-finished");
        details.put("runbook", runbook);
        details.put("runbookTitle", title);
        details.put("mode", mode);
        details.put("startedBy", OWNER);
        details.put("status", "SUCCEEDED");
        details.put("params", params);
        details.put("startedAt", started);
        details.put("finishedAt", finished);
        details.put("steps", steps);
        details.put("summary", summary);
        timeline.record(new Entry(id, EventKind.RUNBOOK_RUN, "Runbook " + runbook + " (" + mode + ") succeeded: "
                + summary, OWNER, source, at(finished), details, true));
    }

    private static Map<String, Object> params(String... namesAndValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    private static Map<String, Object> step(String name, int exitCode, long durationMs) {
        return Map.of("name", name, "status", "SUCCEEDED", "exitCode", exitCode, "durationMs", durationMs);
    }

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }
}
