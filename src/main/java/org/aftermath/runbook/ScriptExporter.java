package org.aftermath.runbook;

import org.aftermath.runbook.Runbook.Step;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Writes a runbook as a self-contained POSIX shell script, so an operator can still follow it when Aftermath
 * itself is down: parameters come from the same {@code PARAM_*} variables and are checked by the same rules,
 * steps get the same shell flags, and {@code confirm} steps wait for a typed "yes".
 */
public final class ScriptExporter {

    private ScriptExporter() {
    }

    public static String export(Runbook runbook, ToIntFunction<Step> timeoutOf) {
        StringBuilder out = new StringBuilder();
        out.append("#!/bin/sh\n");
        out.append("# ").append(oneLine(runbook.title())).append('\n');
        out.append("# Exported from the Aftermath runbook ").append(runbook.file()).append(" (sha256 ")
                .append(runbook.sha256()).append(").\n");
        if (runbook.summary() != null) {
            out.append("# ").append(oneLine(runbook.summary())).append('\n');
        }
        out.append("#\n# Parameters are read from the environment and checked as Aftermath checks them:\n");
        for (ParamSpec p : runbook.params()) {
            out.append("#   ").append(p.envName()).append("  ").append(p.type().id())
                    .append(p.required() ? ", required" : "")
                    .append(p.defaultValue() != null ? ", default " + oneLine(p.defaultValue()) : "")
                    .append(p.description() != null ? " - " + oneLine(p.description()) : "").append('\n');
        }
        if (runbook.params().isEmpty()) {
            out.append("#   (none)\n");
        }
        out.append("#\n# Plan mode runs only the plan=true steps: AFTERMATH_MODE=plan sh ").append(runbook.slug())
                .append(".sh (or pass --plan).\n# Steps marked confirm ask first and run only after you type yes.\n");
        out.append("set -u\n\n");
        out.append(PRELUDE);
        for (ParamSpec p : runbook.params()) {
            out.append(paramCheck(p));
        }
        out.append(SETUP);
        for (Step step : runbook.steps()) {
            out.append("\n# Step ").append(step.name()).append(" (").append(runbook.file()).append(" line ")
                    .append(step.line()).append(")\n");
            String indent = step.plan() ? "" : "    ";
            if (!step.plan()) {
                out.append("if [ \"$AFTERMATH_MODE\" = execute ]; then\n");
            }
            if (step.confirm()) {
                out.append(indent).append("confirm ").append(step.name()).append('\n');
            }
            // The step's code as written, in a quoted here-document (nothing in it is expanded), so the exported
            // script reads like the runbook; the delimiter is one no line of the code equals.
            String delimiter = delimiterFor(step.script());
            out.append(indent).append("run_step ").append(step.name()).append(' ').append(step.shell()).append(' ')
                    .append(timeoutOf.applyAsInt(step)).append(' ').append(step.continueOnError()).append(" <<'")
                    .append(delimiter).append("'\n").append(step.script());
            if (!step.script().endsWith("\n")) {
                out.append('\n');
            }
            out.append(delimiter).append('\n');
            if (!step.plan()) {
                out.append("fi\n");
            }
        }
        out.append("\nfinish\n");
        return out.toString();
    }

    private static String paramCheck(ParamSpec p) {
        String v = p.envName();
        String ref = "\"$" + v + "\"";
        StringBuilder out = new StringBuilder("\n# ").append(p.name()).append(": ").append(p.type().id()).append('\n');
        out.append("if [ -z \"${").append(v).append(":-}\" ]; then\n");
        if (p.required() && p.defaultValue() == null) {
            out.append("    fail '").append(v).append(" is required'\n");
        } else {
            out.append("    ").append(v).append('=').append(quote(p.absentValue())).append('\n');
        }
        out.append("else\n");
        List<String> checks = switch (p.type()) {
            case STRING, SECRET -> textChecks(p, ref);
            case ENUM -> List.of("case " + ref + " in " + String.join("|", p.values().stream().map(ScriptExporter::quote).toList())
                    + ") ;; *) fail " + quote(v + " must be one of " + String.join(", ", p.values())) + " ;; esac");
            case INTEGER -> integerChecks(p, ref);
            case BOOLEAN -> List.of("case " + ref + " in true|false) ;; *) fail '" + v + " must be true or false' ;; esac");
            case PATH -> pathChecks(p, ref);
            case HOST -> List.of("[ ${#" + v + "} -le 255 ] && matches " + quote(ParamSpec.HOST_ERE) + " " + ref
                    + " || fail '" + v + " must be a host name or IP address, optionally preceded by user@'");
        };
        checks.forEach(c -> out.append("    ").append(c).append('\n'));
        out.append("fi\nexport ").append(v).append('\n');
        return out.toString();
    }

    private static List<String> textChecks(ParamSpec p, String ref) {
        String v = p.envName();
        long longest = p.max() != null ? p.max() : ParamSpec.TEXT_MAX;
        List<String> checks = new java.util.ArrayList<>(List.of(
                "has_control " + ref + " && fail '" + v + " must not contain control characters such as newlines'",
                "[ ${#" + v + "} -le " + longest + " ] || fail '" + v + " must be at most " + longest + " characters'"));
        if (p.min() != null) {
            checks.add("[ ${#" + v + "} -ge " + p.min() + " ] || fail '" + v + " must be at least " + p.min() + " characters'");
        }
        if (p.pattern() != null) {
            checks.add("matches " + quote(p.pattern()) + " " + ref + " || fail " + quote(v + " must match the pattern "
                    + (p.secret() ? "given in the runbook" : p.pattern())));
        }
        return checks;
    }

    private static List<String> integerChecks(ParamSpec p, String ref) {
        String v = p.envName();
        List<String> checks = new java.util.ArrayList<>(List.of(
                "matches " + quote(ParamSpec.INTEGER_ERE) + " " + ref + " || fail '" + v + " must be a whole number such as 42'",
                v + "=$(printf '%s\\n' " + ref + " | sed -e 's/^\\(-\\{0,1\\}\\)0*\\([0-9]\\)/\\1\\2/' -e 's/^-0$/0/')"));
        if (p.min() != null) {
            checks.add("[ " + ref + " -ge " + p.min() + " ] || fail '" + v + " must be at least " + p.min() + "'");
        }
        if (p.max() != null) {
            checks.add("[ " + ref + " -le " + p.max() + " ] || fail '" + v + " must be at most " + p.max() + "'");
        }
        return checks;
    }

    private static List<String> pathChecks(ParamSpec p, String ref) {
        String v = p.envName();
        List<String> checks = new java.util.ArrayList<>(List.of(
                "has_control " + ref + " && fail '" + v + " must not contain control characters such as newlines'",
                "[ ${#" + v + "} -le " + ParamSpec.TEXT_MAX + " ] || fail '" + v + " must be at most " + ParamSpec.TEXT_MAX + " characters'",
                "case " + ref + " in /*) ;; *) fail '" + v + " must be an absolute path starting with /' ;; esac",
                "case \"/$" + v + "/\" in */../*) fail '" + v + " must not contain ..' ;; esac",
                v + "=$(printf '%s\\n' " + ref + " | sed -e 's#//*#/#g' -e ':a' -e 's#/\\./#/#' -e 'ta' -e 's#/\\.$##' -e 's#\\(.\\)/$#\\1#')",
                "[ -n " + ref + " ] || " + v + "=/"));
        if (p.mustExist()) {
            checks.add("[ -e " + ref + " ] || fail \"" + v + " must exist: $" + v + " was not found\"");
        }
        return checks;
    }

    private static String delimiterFor(String script) {
        java.util.Set<String> lines = new java.util.HashSet<>(List.of(script.split("\n", -1)));
        String delimiter = "AFTERMATH_STEP";
        while (lines.contains(delimiter)) {
            delimiter += "_";
        }
        return delimiter;
    }

    /** Single-quotes text for the shell; nothing inside single quotes is expanded. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ");
    }

    private static final String PRELUDE = """
            fail() { printf '%s\\n' "$*" >&2; exit 2; }
            # True when the value holds a newline or another control character (tab is allowed).
            has_control() {
                [ "$(printf '%s' "$1" | wc -l)" -eq 0 ] || return 0
                printf '%s' "$1" | LC_ALL=C tr -d '\\t' | LC_ALL=C grep -q '[[:cntrl:]]'
            }
            # Whole-value match against an extended regular expression, as Aftermath's own check does.
            matches() { printf '%s\\n' "$2" | grep -Eqx -e "$1"; }

            AFTERMATH_MODE=${AFTERMATH_MODE:-execute}
            [ "${1:-}" = --plan ] && AFTERMATH_MODE=plan
            case $AFTERMATH_MODE in plan|execute) ;; *) fail 'AFTERMATH_MODE must be plan or execute' ;; esac
            """;

    private static final String SETUP = """

            AFTERMATH_RUN_ID=${AFTERMATH_RUN_ID:-manual}
            AFTERMATH_INCIDENT_ID=${AFTERMATH_INCIDENT_ID:-}
            if [ -z "${AFTERMATH_RUN_DIR:-}" ]; then
                AFTERMATH_RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/aftermath-run.XXXXXX") || fail 'cannot create a working directory'
            fi
            export AFTERMATH_MODE AFTERMATH_RUN_ID AFTERMATH_INCIDENT_ID AFTERMATH_RUN_DIR
            cd "$AFTERMATH_RUN_DIR" || fail "cannot enter $AFTERMATH_RUN_DIR"
            printf 'Mode %s, working directory %s\\n' "$AFTERMATH_MODE" "$AFTERMATH_RUN_DIR"

            if command -v timeout >/dev/null 2>&1; then
                with_timeout() { seconds=$1; shift; timeout -k 5 "$seconds" "$@"; }
            else
                with_timeout() { shift; "$@"; }
            fi

            confirm() {
                printf 'Next step: %s. Type yes to run it: ' "$1"
                read -r answer || answer=
                [ "$answer" = yes ] || { printf 'Stopped before step %s.\\n' "$1"; exit 3; }
            }

            # run_step NAME SHELL TIMEOUT CONTINUE_ON_ERROR, the step's code on standard input
            run_step() {
                step_code=$(cat)
                printf '\\n== step %s\\n' "$1"
                if [ "$2" = bash ]; then
                    with_timeout "$3" bash --noprofile --norc -e -o pipefail -c "$step_code" "$1" </dev/null
                else
                    with_timeout "$3" sh -e -c "$step_code" "$1" </dev/null
                fi
                code=$?
                [ "$code" -eq 0 ] && return 0
                if [ "$4" = true ]; then
                    printf '== step %s failed with exit code %s; continuing\\n' "$1" "$code" >&2
                    return 0
                fi
                printf '== step %s failed with exit code %s\\n' "$1" "$code" >&2
                exit "$code"
            }

            finish() {
                if [ -s "$AFTERMATH_RUN_DIR/summary" ]; then
                    printf 'Summary: %s\\n' "$(head -n 1 "$AFTERMATH_RUN_DIR/summary")"
                fi
                printf 'All steps done.\\n'
            }
            """;
}
