package org.aftermath.chatops;

import org.aftermath.chatops.ChatCommand.ChangeSeverity;
import org.aftermath.chatops.ChatCommand.Confirm;
import org.aftermath.chatops.ChatCommand.Declare;
import org.aftermath.chatops.ChatCommand.FollowUp;
import org.aftermath.chatops.ChatCommand.Help;
import org.aftermath.chatops.ChatCommand.Link;
import org.aftermath.chatops.ChatCommand.ListOpen;
import org.aftermath.chatops.ChatCommand.Mitigated;
import org.aftermath.chatops.ChatCommand.Note;
import org.aftermath.chatops.ChatCommand.Resolve;
import org.aftermath.chatops.ChatCommand.Run;
import org.aftermath.chatops.ChatCommand.Runbooks;
import org.aftermath.chatops.ChatCommand.Status;
import org.aftermath.chatops.ChatCommand.Usage;
import org.aftermath.incident.Severity;
import org.aftermath.security.Role;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatCommandParserTest {

    private final ChatCommandParser parser = new ChatCommandParser();

    private Usage usage(String text) {
        return assertInstanceOf(Usage.class, parser.parse(text), text);
    }

    @Test
    void everyCommandParses() {
        assertEquals(new Help(null), parser.parse("help"));
        assertEquals(new Declare(Severity.SEV1, "Mail spool unreachable: modem down"),
                parser.parse("declare SEV1 Mail spool unreachable: modem down"));
        assertEquals(new ListOpen(), parser.parse("list"));
        assertEquals(new Status(null), parser.parse("status"));
        assertEquals(new Status(12L), parser.parse("status 12"));
        assertEquals(new Note(12, "Called Oricom: full modem reset"), parser.parse("note 12 Called Oricom: full modem reset"));
        assertEquals(new ChangeSeverity(12, Severity.SEV2), parser.parse("sev 12 SEV2"));
        assertEquals(new ChatCommand.Ack(12), parser.parse("ack 12"));
        assertEquals(new Mitigated(12), parser.parse("mitigated 12"));
        assertEquals(new Resolve(12), parser.parse("resolve 12"));
        assertEquals(new FollowUp(12, "Keep a mail relay"), parser.parse("followup 12 Keep a mail relay"));
        assertEquals(new Runbooks(), parser.parse("runbooks"));
        assertEquals(new Run(12, "sieve-refilter", Map.of(), false), parser.parse("run 12 sieve-refilter"));
        assertEquals(new Confirm(7), parser.parse("confirm 7"));
        assertEquals(new Link(), parser.parse("link"));
    }

    @Test
    void commandNamesSeveritiesAndIdsAreForgiving() {
        assertEquals(new Declare(Severity.SEV3, "x"), parser.parse("  DECLARE   sev3   x  "));
        assertEquals(new Declare(Severity.SEV2, "x"), parser.parse("declare 2 x"));
        assertEquals(new Resolve(12), parser.parse("resolve #12"));
        assertEquals(new Status(12L), parser.parse("Status #12"));
    }

    @Test
    void freeTextKeepsWhatWasTypedAndASingleQuotedArgumentLosesItsQuotes() {
        assertEquals(new Note(3, "he said \"reset the modem\" twice"), parser.parse("note 3 he said \"reset the modem\" twice"));
        assertEquals(new Declare(Severity.SEV1, "Mail down"), parser.parse("declare sev1 \"Mail down\""));
        assertEquals(new Declare(Severity.SEV1, "Mail down"), parser.parse("declare sev1 “Mail down”"));
        assertEquals(new Note(3, "don't   panic"), parser.parse("note 3 don't   panic"));
    }

    @Test
    void notesAndStatusChangesTakeAnOptionalTime() {
        ChatTime fiveAfterTwo = new ChatTime(null, LocalTime.of(14, 5), ZoneOffset.UTC);
        assertEquals(new Note(12, "Called Oricom", fiveAfterTwo), parser.parse("note 12 at 14:05 Called Oricom"));
        assertEquals(new Note(12, "reset", new ChatTime(LocalDate.of(2023, 2, 7), LocalTime.of(15, 0), ZoneOffset.UTC)),
                parser.parse("note 12 AT 2023-02-07 15:00 reset"));
        assertEquals(new Note(12, "x", new ChatTime(LocalDate.of(2023, 2, 7), LocalTime.of(9, 5), ZoneOffset.ofHours(-5))),
                parser.parse("note 12 at 2023-02-07T09:05-05:00 x"));
        assertEquals(new Note(12, "at last it works"), parser.parse("note 12 at last it works"));
        assertEquals(new Note(12, "at"), parser.parse("note 12 at"));
        assertEquals(new Note(12, "\"at\" 14:05 is quoted", null), parser.parse("note 12 \"at\" 14:05 is quoted"));
        assertEquals(new Mitigated(12, new ChatTime(LocalDate.of(2023, 2, 8), LocalTime.of(2, 30), ZoneOffset.UTC)),
                parser.parse("mitigated 12 at 2023-02-08T02:30Z"));
        assertEquals(new Resolve(12, new ChatTime(LocalDate.of(2023, 2, 8), LocalTime.of(16, 0, 30), ZoneOffset.UTC)),
                parser.parse("resolve #12 at 2023-02-08t16:00:30"));
        assertEquals(new Resolve(12, fiveAfterTwo), parser.parse("resolve 12 at 14:05Z"));

        assertTrue(usage("resolve 12 at").message().startsWith("Missing a time after 'at'"));
        assertTrue(usage("resolve 12 at soon").message().startsWith("'soon' is not a time; write 14:05 (today, UTC)"));
        assertTrue(usage("resolve 12 at 2023-02-30 10:00").message().startsWith("'2023-02-30 10:00' is not a time"));
        assertTrue(usage("resolve 12 at 2023-02-08").message().startsWith("'2023-02-08' is not a time"));
        assertTrue(usage("note 12 at 25:00 late").message().startsWith("'25:00' is not a time"));
        assertEquals("Unexpected 'sharp'", usage("mitigated 12 at 14:05 sharp").message());
    }

    @Test
    void aTimeOfDayIsTodayInUtcByTheServerClock() {
        Clock clock = Clock.fixed(Instant.parse("2023-02-08T23:30:00Z"), ZoneOffset.UTC);
        assertEquals(Instant.parse("2023-02-08T14:05:00Z"), new ChatTime(null, LocalTime.of(14, 5), ZoneOffset.UTC).on(clock));
        assertEquals(Instant.parse("2023-02-07T14:05:00Z"),
                new ChatTime(LocalDate.of(2023, 2, 7), LocalTime.of(9, 5), ZoneOffset.ofHours(-5)).on(clock));
    }

    @Test
    void runTakesQuotedParametersAndExecuteAnywhere() {
        ChatCommand run = parser.parse("run 12 sieve-refilter mailbox=\"Maildir/.INBOX two\" user=anarcat --execute dry=");
        assertEquals(new Run(12, "sieve-refilter", Map.of("mailbox", "Maildir/.INBOX two", "user", "anarcat", "dry", ""), true), run);
        assertEquals(List.of("mailbox", "user", "dry"), List.copyOf(((Run) run).params().keySet()));
        assertEquals(new Run(12, "x", Map.of("note", "say \"hi\""), false), parser.parse("run 12 x note=\"say \\\"hi\\\"\""));
        assertEquals(new Run(12, "x", Map.of("a", "b c"), true), parser.parse("run 12 x --execute \"a=b c\""));
        assertEquals(new Run(12, "x", Map.of("a", "1"), false), parser.parse("run 12 x a=“1”"));
    }

    @Test
    void mistakesAreUsageErrorsThatSayWhatIsWrong() {
        assertEquals("Missing a title", usage("declare sev1").message());
        assertEquals("declare", usage("declare sev1").name());
        assertTrue(usage("declare sev9 title").message().contains("'sev9' is not a severity"));
        assertTrue(usage("declare").message().startsWith("Missing a severity"));
        assertTrue(usage("note twelve text").message().contains("'twelve' is not a valid incident id"));
        assertEquals("Missing the text of the note", usage("note 12").message());
        assertEquals("Missing the incident id", usage("resolve").message());
        assertEquals("Unexpected 'now'", usage("resolve 12 now").message());
        assertEquals("Unexpected 'x'", usage("list x").message());
        assertTrue(usage("resolve 0").message().contains("not a valid incident id"));
        assertTrue(usage("sev 12").message().startsWith("Missing a severity"));
        assertTrue(usage("run 12").message().startsWith("Missing a runbook"));
        assertTrue(usage("run 12 x novalue").message().contains("'novalue' is not a parameter"));
        assertTrue(usage("run 12 x =v").message().contains("is not a parameter"));
        assertTrue(usage("run 12 x --force").message().contains("Unknown option '--force'"));
        assertTrue(usage("run 12 x a=1 a=2").message().contains("given twice"));
        assertTrue(usage("confirm").message().contains("run id"));
        assertEquals("A quote is not closed", usage("declare sev1 \"Mail down").message());
        assertNull(usage("declare sev1 \"Mail down").name());
        assertEquals("Missing a title", usage("declare sev1 \"  \"").message());
    }

    @Test
    void unknownOrEmptyTextGetsHelp() {
        assertEquals(new Help(null), parser.parse(""));
        assertEquals(new Help(null), parser.parse(null));
        assertEquals(new Help("Unknown command 'reboot'."), parser.parse("reboot the modem"));
    }

    @Test
    void rolesAndRetryHandlingFollowWhatACommandDoes() {
        assertNull(parser.parse("list").needs());
        assertNull(parser.parse("status 1").needs());
        assertNull(parser.parse("link").needs());
        assertEquals(Role.VIEWER, parser.parse("runbooks").needs());
        assertEquals(Role.RESPONDER, parser.parse("declare sev1 x").needs());
        assertEquals(Role.RESPONDER, parser.parse("followup 1 x").needs());
        assertEquals(Role.OPERATOR, parser.parse("run 1 x").needs());
        assertEquals(Role.OPERATOR, parser.parse("confirm 1").needs());
        assertTrue(parser.parse("declare sev1 x").changesState());
        assertTrue(parser.parse("link").changesState());
        assertFalse(parser.parse("list").changesState());
        assertFalse(parser.parse("bogus").changesState());
    }

    @Test
    void helpListsEveryCommandUnderTheConfiguredName() {
        String help = parser.help("/inc");
        for (String name : ChatCommandParser.SYNTAX.keySet()) {
            assertTrue(help.contains("`/inc " + name), name + " missing from help: " + help);
        }
        assertTrue(help.contains("`/inc run <incident id> <runbook> [key=value …] [--execute]`"));
    }

    @Test
    void publicUpdatesAndImpactsParse() {
        assertEquals(new ChatCommand.PublicUpdate(12, org.aftermath.status.PublicStatus.IDENTIFIED, "The modem failed"),
                parser.parse("update 12 identified The modem failed"));
        assertEquals(new ChatCommand.PublicUpdate(12, null, "Identified by Oricom: the modem"),
                parser.parse("update #12 \"Identified by Oricom: the modem\""));
        assertEquals(new ChatCommand.Impacts(12, Map.of("mail", "major-outage", "blog", "degraded")),
                parser.parse("impact 12 mail=major-outage blog=degraded"));
        assertEquals(new ChatCommand.Impacts(12, Map.of()), parser.parse("impact 12 none"));
        assertTrue(usage("impact 12 mail").message().contains("service=impact"));
        assertTrue(usage("impact 12").message().contains("Missing"));
        assertTrue(usage("update 12 monitoring").message().contains("Missing the text"));
    }
}
