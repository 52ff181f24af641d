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
import org.aftermath.run.PastRuns;
import org.aftermath.run.PastRuns.PastRun;
import org.aftermath.run.PastRuns.PastStep;
import org.aftermath.run.RunMode;
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
 * by a cable modem that died during a reset (February 2023), after a week of packet loss. Its runs are real run
 * records of the shipped runbooks, with their real steps and parameters, and every entry carries the story's
 * own time. Example data for new users, and the tests' fixture.
 */
@ApplicationScoped
public class OutageStory {

    public static final String TITLE = "Home server offline: cable modem failure";
    /** Intermittent packet loss began about a week before anyone acted on it. */
    public static final Instant IMPACT_STARTED = Instant.parse("2023-01-31T16:00:00Z");
    /** The loss was reported to the ISP, whose fix (a factory reset) killed the modem. */
    public static final Instant DETECTED = Instant.parse("2023-02-07T15:00:00Z");
    public static final Instant DECLARED = Instant.parse("2023-02-07T16:00:00Z");
    public static final Instant RESOLVED = Instant.parse("2023-02-08T16:00:00Z");
    static final String OWNER = "ana";

    private final IncidentService incidents;
    private final TimelineService timeline;
    private final MitigationService mitigations;
    private final FollowUpService followUps;
    private final PostmortemService postmortems;
    private final PastRuns pastRuns;

    OutageStory(IncidentService incidents, TimelineService timeline, MitigationService mitigations,
                FollowUpService followUps, PostmortemService postmortems, PastRuns pastRuns) {
        this.pastRuns = pastRuns;
        this.incidents = incidents;
        this.timeline = timeline;
        this.mitigations = mitigations;
        this.followUps = followUps;
        this.postmortems = postmortems;
    }

    /** Records the whole story as a new, resolved incident; {@code source} marks where its entries came from. */
    @Transactional
    public Incident create(String source) {
        Incident incident = incidents.declareAsOf(new Declaration(TITLE,
                "A week of intermittent packet loss, then the cable modem died during a factory reset; mail, the blog "
                        + "and everything else hosted at home were offline until a replacement modem arrived.",
                Severity.SEV2, IMPACT_STARTED, DETECTED), DECLARED, OWNER, source);
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
        pastRuns.recordSucceeded(new PastRun(id, "sieve-refilter", RunMode.EXECUTE, params(
                "maildir", "/home/anarcat/Maildir", "mailbox", "INBOX", "script", "/home/anarcat/.dovecot.sieve",
                "mailUser", "anarcat", "discardAction", "keep"), List.of(
                step("check", "2023-02-08T14:55:00Z", "2023-02-08T14:55:02Z",
                        "Owner uid=1000 gid=1000. Messages per folder now:\nINBOX 200\n"),
                step("plan", "2023-02-08T14:55:02Z", "2023-02-08T14:55:07Z",
                        "would file 120 into lists, 23 into alerts, keep 57 (200 messages)\n"),
                step("apply", "2023-02-08T14:58:40Z", "2023-02-08T14:59:50Z", "filed 143, kept 57\n"),
                step("verify", "2023-02-08T14:59:50Z", "2023-02-08T15:00:00Z", """
                        folder                 before    after
                        INBOX                     200       57
                        alerts                      0       23
                        lists                       0      120
                        filed 143, kept 57; INBOX 200→57, alerts 0→23, lists 0→120
                        """)),
                "filed 143, kept 57; INBOX 200→57, alerts 0→23, lists 0→120", OWNER), source);
        done(website, "2023-02-08T15:30:00Z", source);
        incidents.changeStatus(id, IncidentStatus.RESOLVED, RESOLVED,
                "replacement modem delivered and plugged in; the home server is back online", null, OWNER, source);
        pastRuns.recordSucceeded(new PastRun(id, "spool-transfer", RunMode.PLAN, params(
                "sourceHost", "anarcat@colette.anarc.at", "sourceMaildir", "/home/anarcat/Maildir", "marker", "colette",
                "stagingDir", "/home/anarcat/spool-staging", "destHost", "anarcat@marcos.anarc.at",
                "destMaildir", "/home/anarcat/Maildir", "sshPort", "22",
                "sshKnownHosts", "/home/anarcat/.ssh/known_hosts"), List.of(
                step("list", "2023-02-08T16:40:00Z", "2023-02-08T16:40:03Z",
                        "cur/1675875125.M163P21734.colette,S=4711,W=4803:2,S\n… and 200 more\n"
                                + "201 messages from anarcat@colette.anarc.at to move\n"),
                step("plan", "2023-02-08T16:40:03Z", "2023-02-08T16:41:10Z",
                        "First hop (dry run): anarcat@colette.anarc.at:/home/anarcat/Maildir/ -> staging\n"
                                + "Second hop: checking anarcat@marcos.anarc.at:/home/anarcat/Maildir\n"
                                + "would move 201 messages, 0 already at the destination\n")),
                "would move 201 messages, 0 already at the destination", OWNER), source);

        followUps.add(id, "Keep a mail relay (Postfix, OpenDMARC, Postgrey)", FollowUpKind.PREVENTIVE, OWNER,
                LocalDate.parse("2023-03-01"), OWNER, source, at("2023-02-08T17:00:00Z"));
        followUps.add(id, "Puppetize the mail server", FollowUpKind.CORRECTIVE, OWNER,
                LocalDate.parse("2023-04-01"), OWNER, source, at("2023-02-08T17:05:00Z"));
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

    private static Map<String, Object> params(String... namesAndValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    private static PastStep step(String name, String started, String finished, String stdout) {
        return new PastStep(name, 0, at(started), at(finished), stdout);
    }

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }
}
