package org.aftermath.runbook;

import org.aftermath.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parameter values are checked against their types before anything runs. */
class ParamValuesTest {

    private static Runbook runbook(String params) {
        RunbookParser.Result result = RunbookParser.parse("p.md", "---\ntitle: p\nparams:\n" + params
                + "---\n```sh {name=a}\ntrue\n```\n");
        assertTrue(result.ok(), result.problems().toString());
        return result.runbook();
    }

    private static Map<String, Object> values(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static String refused(Runbook runbook, Map<String, Object> given, String field) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ParamValues.check(runbook, given));
        return e.errors().stream().filter(f -> f.field().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no error for " + field + " in " + e.errors())).message();
    }

    private static String accepted(Runbook runbook, String name, Object value) {
        return ParamValues.check(runbook, values(name, value)).environment().get(ParamSpec.envName(name));
    }

    @Test
    void stringsArriveByteForByteAndRefuseControlCharacters() {
        Runbook r = runbook("  note: {type: string}\n");
        for (String value : List.of("; rm -rf /tmp/x", "$(touch /tmp/pwned)", "`id`", "--delete", "../../etc",
                "  spaces  ", "tab\there", "quote ' and \" and \\", "ünïcødé ✓")) {
            assertEquals(value, accepted(r, "note", value));
        }
        assertTrue(refused(r, values("note", "two\nlines"), "params.note").contains("control characters"));
        assertTrue(refused(r, values("note", "cr\r"), "params.note").contains("control characters"));
        assertTrue(refused(r, values("note", "nul\u0000"), "params.note").contains("control characters"));
        assertTrue(refused(r, values("note", "x".repeat(ParamSpec.TEXT_MAX + 1)), "params.note").contains("at most"));
    }

    @Test
    void aPatternMustMatchTheWholeValueAndLengthsAreBounded() {
        Runbook r = runbook("  ticket: {type: string, pattern: '[A-Z]+-[0-9]+', min: 3, max: 10}\n");
        assertEquals("OPS-12", accepted(r, "ticket", "OPS-12"));
        assertTrue(refused(r, values("ticket", "OPS-1;id"), "params.ticket").contains("must match"));
        assertTrue(refused(r, values("ticket", "A-1234567890"), "params.ticket").contains("at most 10"));
    }

    @Test
    void enumsAcceptOnlyTheirValues() {
        Runbook r = runbook("  mode: {type: enum, values: [soft, hard]}\n");
        assertEquals("hard", accepted(r, "mode", "hard"));
        assertTrue(refused(r, values("mode", "Hard"), "params.mode").contains("one of soft, hard"));
        assertTrue(refused(r, values("mode", "soft; reboot"), "params.mode").contains("one of"));
    }

    @Test
    void integersAreWholeNumbersWithinBoundsInCanonicalForm() {
        Runbook r = runbook("  n: {type: integer, min: -5, max: 100}\n");
        assertEquals("7", accepted(r, "n", "007"));
        assertEquals("42", accepted(r, "n", 42));
        assertEquals("-5", accepted(r, "n", "-5"));
        assertTrue(refused(r, values("n", "101"), "params.n").contains("at most 100"));
        assertTrue(refused(r, values("n", "-6"), "params.n").contains("at least -5"));
        for (Object bad : List.of("1e3", "0x10", "+1", " 1", "1;", "$(id)", 1.5, true)) {
            assertTrue(refused(r, values("n", bad), "params.n").contains("whole number"), String.valueOf(bad));
        }
    }

    @Test
    void booleansAreTrueOrFalseAndDefaultToFalse() {
        Runbook r = runbook("  force: {type: boolean}\n");
        assertEquals("true", accepted(r, "force", true));
        assertEquals("false", accepted(r, "force", "false"));
        assertEquals("false", ParamValues.check(r, Map.of()).environment().get("PARAM_FORCE"));
        assertTrue(refused(r, values("force", "yes"), "params.force").contains("true or false"));
        assertTrue(refused(r, values("force", 1), "params.force").contains("true or false"));
    }

    @Test
    void pathsAreAbsoluteNormalisedAndNeverClimb(@TempDir Path dir) {
        Runbook r = runbook("  target: {type: path}\n  existing: {type: path, mustExist: true}\n");
        assertEquals("/var/mail/spool", accepted(r, "target", "/var//mail/./spool/"));
        assertEquals("/", accepted(r, "target", "/."));
        assertTrue(refused(r, values("target", "../../etc"), "params.target").contains("absolute"));
        assertTrue(refused(r, values("target", "/var/../etc"), "params.target").contains("must not contain .."));
        assertTrue(refused(r, values("target", "/var/.."), "params.target").contains("must not contain .."));
        assertTrue(refused(r, values("target", "--delete"), "params.target").contains("absolute"));
        assertTrue(refused(r, values("target", "/tmp/a\nb"), "params.target").contains("control"));
        assertEquals(dir.toString(), accepted(r, "existing", dir.toString()));
        assertTrue(refused(r, values("existing", dir.resolve("missing").toString()), "params.existing").contains("must exist"));
    }

    @Test
    void hostsAreNamesOrAddressesWithAnOptionalUser() {
        Runbook r = runbook("  host: {type: host}\n");
        for (String ok : List.of("mx1", "mail.example.org", "root@mx1.example.org", "192.168.1.10", "deploy_user@10.0.0.1",
                "::1", "fe80::1", "2001:db8::42")) {
            assertEquals(ok, accepted(r, "host", ok));
        }
        for (String bad : List.of("-oProxyCommand=touch /tmp/pwned", "--delete", "mx1;id", "mx1 mx2", "$(id)", "mx1:/etc",
                "@mx1", "user@", "a..b", "-mx1", "x".repeat(64) + ".org", "host\n")) {
            assertTrue(refused(r, values("host", bad), "params.host").contains("host name"), bad);
        }
    }

    @Test
    void secretsReachTheEnvironmentButAreShownOnlyAsTheMask() {
        Runbook r = runbook("  token: {type: secret, required: true}\n  user: {type: string}\n");
        ParamValues values = ParamValues.check(r, values("token", "hunter2", "user", "ann"));
        assertEquals("hunter2", values.environment().get("PARAM_TOKEN"));
        assertEquals(Map.of("PARAM_TOKEN", "hunter2"), values.secrets());
        assertEquals(Map.of("token", "****", "user", "ann"), values.shown());
    }

    @Test
    void requiredDefaultsAndUnknownNames() {
        Runbook r = runbook("  host: {type: host, required: true}\n  retries: {type: integer, default: 3}\n  note: {type: string}\n");
        assertEquals("is required", refused(r, values(), "params.host"));
        assertEquals("is required", refused(r, values("host", ""), "params.host"));
        ParamValues values = ParamValues.check(r, values("host", "mx1"));
        assertEquals(Map.of("PARAM_HOST", "mx1", "PARAM_RETRIES", "3", "PARAM_NOTE", ""), values.environment());
        assertEquals(3L, values.shown().get("retries"));
        assertTrue(refused(r, values("host", "mx1", "hots", "x"), "params.hots").contains("not a parameter"));
        assertTrue(refused(r, values("host", List.of("mx1")), "params.host").contains("must be a string"));
    }
}
