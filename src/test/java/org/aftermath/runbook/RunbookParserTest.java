package org.aftermath.runbook;

import org.aftermath.runbook.Runbook.Problem;
import org.aftermath.runbook.Runbook.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runbook file format: what parses, and every malformed file reported with its line and reason. */
class RunbookParserTest {

    private static final String FENCE = "```";

    private static String runbook(String frontMatter, String body) {
        return "---\n" + frontMatter + "---\n" + body;
    }

    private static String step(String info, String script) {
        return FENCE + info + "\n" + script + "\n" + FENCE + "\n";
    }

    @Test
    void aCompleteRunbookParses() {
        String text = runbook("""
                        title: Restart the web server
                        summary: Checks the configuration, then restarts nginx.
                        tags: [web, nginx]
                        timeout: 120
                        params:
                          host: {type: host, required: true, description: Where nginx runs}
                          mode: {type: enum, values: [soft, hard], default: soft}
                          retries: {type: integer, min: 0, max: 5, default: 2}
                          dryRun: {type: boolean, default: true}
                          config: {type: path, default: /etc/nginx/nginx.conf, mustExist: true}
                          ticket: {type: string, pattern: '[A-Z]+-[0-9]+'}
                          password: {type: secret}
                        """,
                "\n# Restart\n\nCheck first:\n\n" + step("sh {name=check plan=true timeout=60}", "ssh \"$PARAM_HOST\" nginx -t")
                        + "\nThis block is documentation:\n\n" + step("sh", "echo never")
                        + "\n" + step("bash {name=restart confirm=true continueOnError=true}", "ssh \"$PARAM_HOST\" systemctl restart nginx"));
        RunbookParser.Result result = RunbookParser.parse("restart-nginx.md", text);
        assertTrue(result.ok(), result.problems().toString());
        Runbook r = result.runbook();
        assertEquals("restart-nginx", r.slug());
        assertEquals("Restart the web server", r.title());
        assertEquals(List.of("web", "nginx"), r.tags());
        assertEquals(120, r.timeoutSeconds());
        assertEquals(List.of("host", "mode", "retries", "dryRun", "config", "ticket", "password"),
                r.params().stream().map(ParamSpec::name).toList());
        assertEquals("PARAM_DRYRUN", r.param("dryRun").orElseThrow().envName());
        assertEquals("/etc/nginx/nginx.conf", r.param("config").orElseThrow().defaultValue());
        assertTrue(r.param("config").orElseThrow().mustExist());
        assertEquals("2", r.param("retries").orElseThrow().defaultValue());
        assertEquals(List.of("soft", "hard"), r.param("mode").orElseThrow().values());
        assertEquals(2, r.steps().size(), "the block without braces is documentation");
        Step check = r.steps().get(0);
        assertEquals("check", check.name());
        assertEquals("sh", check.shell());
        assertTrue(check.plan());
        assertEquals(60, check.timeoutSeconds());
        assertEquals("ssh \"$PARAM_HOST\" nginx -t\n", check.script());
        assertEquals(20, check.line(), "the line of the opening fence");
        Step restart = r.steps().get(1);
        assertEquals("bash", restart.shell());
        assertTrue(restart.confirm());
        assertTrue(restart.continueOnError());
        assertFalse(restart.plan());
        assertEquals(List.of(check), r.stepsFor(true));
        assertEquals(text, r.content());
        assertEquals(64, r.sha256().length());
    }

    @Test
    void windowsLineEndingsAStepInsideAListAndTildeFencesAreFine() {
        String text = runbook("title: t\n", "1. First\n\n   ~~~sh {name=one}\n   echo one\n   ~~~\n").replace("\n", "\r\n");
        RunbookParser.Result result = RunbookParser.parse("t.md", text);
        assertTrue(result.ok(), result.problems().toString());
        assertEquals("echo one\n", result.runbook().steps().get(0).script());
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() {
        byte[] bytes = "---\ntitle: caf\u00e9\n---\n".getBytes(StandardCharsets.ISO_8859_1);
        assertProblem(RunbookParser.parse("t.md", bytes), 1, "not valid UTF-8");
    }

    @Test
    void anAliasBombIsRefusedQuickly() {
        StringBuilder yaml = new StringBuilder("title: t\na: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            yaml.append(c).append(": &").append(c).append(" [*").append((char) (c - 1)).append(", *")
                    .append((char) (c - 1)).append(", *").append((char) (c - 1)).append("]\n");
        }
        RunbookParser.Result result = RunbookParser.parse("t.md", runbook(yaml.toString(), step("sh {name=a}", "true")));
        assertFalse(result.ok());
    }

    static Stream<Arguments> malformed() {
        String ok = step("sh {name=a}", "true");
        return Stream.of(
                Arguments.of("no front matter", "# Just markdown\n" + ok, 1, "starts with YAML front matter"),
                Arguments.of("front matter never closed", "---\ntitle: t\n" + ok, 1, "never closed"),
                Arguments.of("YAML syntax error", runbook("title: t\nparams: [unclosed\n", ok), 3, "not valid YAML"),
                Arguments.of("tab indentation", runbook("title: t\nparams:\n\thost: {type: host}\n", ok), 4, "not valid YAML"),
                Arguments.of("front matter is a list", runbook("- title\n", ok), 2, "must be a mapping"),
                Arguments.of("empty front matter", runbook("", ok), 2, "front matter is empty"),
                Arguments.of("no title", runbook("summary: s\n", ok), 2, "needs a title"),
                Arguments.of("blank title", runbook("title: '  '\n", ok), 2, "needs a title"),
                Arguments.of("title a list", runbook("title: [a, b]\n", ok), 2, "title must be a single value"),
                Arguments.of("unknown key", runbook("title: t\nparms: {}\n", ok), 3, "unknown front matter key 'parms'"),
                Arguments.of("duplicate key", runbook("title: t\ntitle: u\n", ok), 3, "'title' appears twice"),
                Arguments.of("timeout not a number", runbook("title: t\ntimeout: soon\n", ok), 3, "timeout must be a whole number"),
                Arguments.of("timeout zero", runbook("title: t\ntimeout: 0\n", ok), 3, "timeout must be between"),
                Arguments.of("tags not a list", runbook("title: t\ntags: web\n", ok), 3, "tags must be a list"),
                Arguments.of("params a list", runbook("title: t\nparams: [host]\n", ok), 3, "params must map"),
                Arguments.of("param name with dash", runbook("title: t\nparams:\n  my-host: {type: host}\n", ok), 4, "must start with a letter"),
                Arguments.of("param name starting with a digit", runbook("title: t\nparams:\n  1host: {type: host}\n", ok), 4, "must start with a letter"),
                Arguments.of("names equal ignoring case", runbook("title: t\nparams:\n  host: {type: host}\n  HOST: {type: host}\n", ok),
                        5, "would both be PARAM_HOST"),
                Arguments.of("param not a mapping", runbook("title: t\nparams:\n  host: host\n", ok), 4, "must be a mapping"),
                Arguments.of("param without type", runbook("title: t\nparams:\n  host: {required: true}\n", ok), 4, "needs a type"),
                Arguments.of("unknown type", runbook("title: t\nparams:\n  host: {type: hostname}\n", ok), 4, "needs a type"),
                Arguments.of("values on a string", runbook("title: t\nparams:\n  x:\n    type: string\n    values: [a]\n", ok), 6,
                        "'values' does not apply to string"),
                Arguments.of("mustExist on a host", runbook("title: t\nparams:\n  x: {type: host, mustExist: true}\n", ok), 4,
                        "'mustExist' does not apply"),
                Arguments.of("misspelt key", runbook("title: t\nparams:\n  x:\n    type: string\n    requried: true\n", ok), 6,
                        "unknown key 'requried'"),
                Arguments.of("required not boolean", runbook("title: t\nparams:\n  x:\n    type: string\n    required: maybe\n", ok), 6,
                        "required must be true or false"),
                Arguments.of("enum without values", runbook("title: t\nparams:\n  x: {type: enum}\n", ok), 4, "needs values"),
                Arguments.of("enum with empty values", runbook("title: t\nparams:\n  x: {type: enum, values: []}\n", ok), 4, "needs values"),
                Arguments.of("enum value twice", runbook("title: t\nparams:\n  x:\n    type: enum\n    values: [a, a]\n", ok), 6,
                        "listed twice"),
                Arguments.of("enum value a mapping", runbook("title: t\nparams:\n  x: {type: enum, values: [{a: b}]}\n", ok), 4,
                        "must be a single value"),
                Arguments.of("broken pattern", runbook("title: t\nparams:\n  x:\n    type: string\n    pattern: '[a-'\n", ok), 6,
                        "not a valid regular expression"),
                Arguments.of("pattern grep reads differently", runbook("title: t\nparams:\n  x:\n    type: string\n    pattern: '\\d+'\n", ok), 6,
                        "grep -E reads differently"),
                Arguments.of("POSIX class in pattern", runbook("title: t\nparams:\n  x:\n    type: string\n    pattern: '[[:digit:]]+'\n", ok), 6,
                        "grep -E reads differently"),
                Arguments.of("min above max", runbook("title: t\nparams:\n  x:\n    type: integer\n    min: 5\n    max: 1\n", ok), 6,
                        "greater than its max"),
                Arguments.of("negative length", runbook("title: t\nparams:\n  x: {type: string, max: -1}\n", ok), 4, "cannot be negative"),
                Arguments.of("min not a number", runbook("title: t\nparams:\n  x: {type: integer, min: low}\n", ok), 4, "min must be a whole number"),
                Arguments.of("integer default not a number", runbook("title: t\nparams:\n  x:\n    type: integer\n    default: many\n", ok), 6,
                        "default of 'x' must be a whole number"),
                Arguments.of("integer default out of range", runbook("title: t\nparams:\n  x: {type: integer, max: 3, default: 9}\n", ok), 4,
                        "default of 'x' must be at most 3"),
                Arguments.of("enum default not a value", runbook("title: t\nparams:\n  x: {type: enum, values: [a], default: b}\n", ok), 4,
                        "default of 'x' must be one of a"),
                Arguments.of("relative path default", runbook("title: t\nparams:\n  x: {type: path, default: etc/x}\n", ok), 4,
                        "must be an absolute path"),
                Arguments.of("boolean default yes", runbook("title: t\nparams:\n  x: {type: boolean, default: yes}\n", ok), 4,
                        "must be true or false"),
                Arguments.of("host default with a space", runbook("title: t\nparams:\n  x: {type: host, default: 'a b'}\n", ok), 4,
                        "must be a host name"),
                Arguments.of("secret with default", runbook("title: t\nparams:\n  x: {type: secret, default: hunter2}\n", ok), 4,
                        "cannot have a default"),
                Arguments.of("no steps", runbook("title: t\n", "Only prose.\n\n" + step("sh", "echo docs")), 4, "no runnable steps"),
                Arguments.of("step without name", runbook("title: t\n", step("sh {plan=true}", "true")), 4, "needs a name"),
                Arguments.of("step name with capitals", runbook("title: t\n", step("sh {name=Bad_Name}", "true")), 4, "may contain only"),
                Arguments.of("two steps with one name", runbook("title: t\n", ok + "\n" + ok), 8, "already a step named 'a'"),
                Arguments.of("unknown attribute", runbook("title: t\n", step("sh {name=a sudo=true}", "true")), 4, "unknown step attribute 'sudo'"),
                Arguments.of("attribute twice", runbook("title: t\n", step("sh {name=a name=b}", "true")), 4, "given twice"),
                Arguments.of("attribute without value", runbook("title: t\n", step("sh {name=a plan}", "true")), 4, "must be written key=value"),
                Arguments.of("plan=yes", runbook("title: t\n", step("sh {name=a plan=yes}", "true")), 4, "plan must be true or false"),
                Arguments.of("timeout zero", runbook("title: t\n", step("sh {name=a timeout=0}", "true")), 4, "timeout must be a number of seconds"),
                Arguments.of("timeout words", runbook("title: t\n", step("sh {name=a timeout=long}", "true")), 4, "timeout must be a number of seconds"),
                Arguments.of("unclosed brace", runbook("title: t\n", step("sh {name=a", "true")), 4, "missing their closing }"),
                Arguments.of("text after the brace", runbook("title: t\n", step("sh {name=a} extra", "true")), 4, "one {name=... plan=true} group"),
                Arguments.of("two brace groups", runbook("title: t\n", step("sh {name=a} {plan=true}", "true")), 4, "one {name=... plan=true} group"),
                Arguments.of("python step", runbook("title: t\n", step("python {name=a}", "print(1)")), 4, "must be ```sh or ```bash"),
                Arguments.of("attributes without a language", runbook("title: t\n", step("{name=a}", "true")), 4, "must be ```sh or ```bash"),
                Arguments.of("empty step", runbook("title: t\n", FENCE + "sh {name=a}\n" + FENCE + "\n"), 4, "has no commands")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aMalformedRunbookIsReportedWithItsLineAndReason(String what, String text, int line, String reason) {
        assertProblem(RunbookParser.parse("t.md", text), line, reason);
    }

    @Test
    void aFileNameThatIsNotASlugIsReported() {
        assertProblem(RunbookParser.parse("Restart Nginx.md", runbook("title: t\n", step("sh {name=a}", "true"))), 1,
                "lower-case letters, digits and dashes");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() {
        RunbookParser.Result result = RunbookParser.parse("t.md", runbook("title: t\nparams:\n  x: {type: nope}\n",
                step("sh {name=A}", "true") + step("sh {name=b plan=maybe}", "true")));
        assertNull(result.runbook());
        assertEquals(3, result.problems().size(), result.problems().toString());
    }

    private static void assertProblem(RunbookParser.Result result, int line, String reason) {
        assertFalse(result.ok(), "expected a problem mentioning '" + reason + "'");
        List<Problem> problems = result.problems();
        assertTrue(problems.stream().anyMatch(p -> p.line() == line && p.reason().contains(reason)),
                "expected line " + line + ": '" + reason + "' among " + problems);
        assertTrue(problems.stream().allMatch(p -> p.file().equals("t.md") || p.file().endsWith(".md")));
    }
}
