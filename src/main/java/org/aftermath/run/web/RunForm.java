package org.aftermath.run.web;

import org.aftermath.mitigation.MitigationStep;
import org.aftermath.runbook.ParamSpec;
import org.aftermath.runbook.ParamType;
import org.aftermath.runbook.Runbook;

import java.util.List;
import java.util.Map;

/**
 * The run form of one runbook, generated from its typed parameters: one field per parameter with the right
 * input, the value typed so far (never a secret's) and the message beside it after a refused submit.
 */
public record RunForm(long incidentId, String runbook, String title, String summary, boolean canPlan,
                      List<Field> fields, List<Choice> mitigations, String mitigationId, Map<String, String> errors) {

    /** {@code kind} is text, password, number or select. */
    public record Field(String name, String input, String id, String kind, String value, boolean required,
                        String description, String hint, List<Choice> options, String error) {
    }

    public record Choice(String value, String label, boolean selected) {
    }

    static RunForm of(long incidentId, Runbook runbook, Map<String, String> values, Map<String, String> errors,
                      List<MitigationStep> mitigationSteps, String mitigationId) {
        List<Field> fields = runbook.params().stream().map(p -> field(runbook, p, values, errors)).toList();
        List<Choice> mitigations = mitigationSteps.stream()
                .map(m -> new Choice(m.id.toString(), m.title, m.id.toString().equals(mitigationId))).toList();
        return new RunForm(incidentId, runbook.slug(), runbook.title(), runbook.summary(),
                runbook.steps().stream().anyMatch(Runbook.Step::plan), fields, mitigations, mitigationId, errors);
    }

    public String error(String field) {
        return errors.get(field);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    private static Field field(Runbook runbook, ParamSpec p, Map<String, String> values, Map<String, String> errors) {
        String input = "params." + p.name();
        String typed = values.get(p.name());
        String value = p.secret() ? "" : typed != null ? typed : p.defaultValue() != null ? p.defaultValue() : "";
        List<Choice> options = List.of();
        String kind = "text";
        if (p.type() == ParamType.ENUM) {
            kind = "select";
            options = p.values().stream().map(v -> new Choice(v, v, v.equals(value))).toList();
        } else if (p.type() == ParamType.BOOLEAN) {
            kind = "select";
            String chosen = value.isEmpty() ? "false" : value;
            options = List.of(new Choice("false", "no", chosen.equals("false")), new Choice("true", "yes", chosen.equals("true")));
        } else if (p.type() == ParamType.SECRET) {
            kind = "password";
        } else if (p.type() == ParamType.INTEGER) {
            kind = "number";
        }
        return new Field(p.name(), input, "run-" + runbook.slug() + "-" + p.name(), kind, value, p.required(),
                p.description(), hint(p), options, errors.get(input));
    }

    private static String hint(ParamSpec p) {
        return switch (p.type()) {
            case PATH -> "absolute path" + (p.mustExist() ? " that exists" : "");
            case HOST -> "host name or IP, optionally user@";
            case INTEGER -> "whole number" + (p.min() != null ? ", at least " + p.min() : "")
                    + (p.max() != null ? ", at most " + p.max() : "");
            case SECRET -> "secret: never stored or shown";
            case STRING -> p.pattern() != null ? "must match " + p.pattern() : "text";
            default -> p.type().id();
        } + " · $" + p.envName();
    }
}
