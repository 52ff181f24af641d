package org.aftermath.runbook;

import org.aftermath.runbook.Runbook.Problem;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads the {@code params:} of a runbook's front matter into {@link ParamSpec}s, naming the line of each problem. */
final class ParamSpecReader extends YamlNodes {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9]{0,63}");
    /** Regex syntax that Java and grep -E read differently (the exported script checks with grep -E). */
    private static final Pattern NOT_PORTABLE = Pattern.compile("\\\\[a-zA-Z0-9]|\\(\\?|\\[:|\\[=|\\[\\.");

    ParamSpecReader(String file, int firstLine, List<Problem> problems) {
        super(file, firstLine, problems);
    }

    /** The {@code params:} mapping of the front matter, each parameter checked; bad ones are left out. */
    List<ParamSpec> params(Node node) {
        List<ParamSpec> params = new ArrayList<>();
        if (node == null || isNull(node)) {
            return params;
        }
        if (!(node instanceof MappingNode mapping)) {
            problem(line(node), "params must map each parameter name to its definition, such as host: {type: host}");
            return params;
        }
        Map<String, String> envNames = new HashMap<>();
        for (Map.Entry<String, NodeTuple> entry : entries(mapping, "params").entrySet()) {
            String name = entry.getKey();
            int line = line(entry.getValue().getKeyNode());
            if (!NAME.matcher(name).matches()) {
                problem(line, "parameter name '" + name + "' must start with a letter and contain only letters and digits");
                continue;
            }
            String clash = envNames.putIfAbsent(ParamSpec.envName(name), name);
            if (clash != null) {
                problem(line, "parameters '" + clash + "' and '" + name + "' would both be " + ParamSpec.envName(name)
                        + "; rename one");
                continue;
            }
            ParamSpec spec = param(name, line, entry.getValue().getValueNode());
            if (spec != null) {
                params.add(spec);
            }
        }
        return params;
    }

    private ParamSpec param(String name, int line, Node node) {
        if (!(node instanceof MappingNode mapping)) {
            problem(line, "parameter '" + name + "' must be a mapping such as {type: string, required: true}");
            return null;
        }
        int before = problems.size();
        Map<String, NodeTuple> fields = entries(mapping, "parameter '" + name + "'");
        String typeName = text(value(fields, "type"), "type of '" + name + "'");
        ParamType type = typeName == null ? null : ParamType.parse(typeName.strip());
        if (type == null) {
            problem(fields.containsKey("type") ? line(fields.get("type").getValueNode()) : line,
                    "parameter '" + name + "' needs a type: one of " + ParamType.choices());
            return null;
        }
        for (Map.Entry<String, NodeTuple> field : fields.entrySet()) {
            String key = field.getKey();
            if (!ParamType.COMMON_KEYS.contains(key) && !type.extraKeys().contains(key)) {
                boolean known = List.of("pattern", "values", "min", "max", "mustExist").contains(key);
                problem(line(field.getValue().getKeyNode()), known
                        ? "'" + key + "' does not apply to " + type.id() + " parameter '" + name + "'"
                        : "unknown key '" + key + "' in parameter '" + name + "'; known keys: type, required, default, "
                        + "description, pattern, values, min, max, mustExist");
            }
        }
        boolean required = bool(value(fields, "required"), "required");
        boolean mustExist = bool(value(fields, "mustExist"), "mustExist");
        String description = text(value(fields, "description"), "description");
        String pattern = pattern(name, value(fields, "pattern"));
        List<String> values = type == ParamType.ENUM ? enumValues(name, line, value(fields, "values")) : List.of();
        Long min = number(value(fields, "min"), "min");
        Long max = number(value(fields, "max"), "max");
        if (type.boundsLength() && ((min != null && min < 0) || (max != null && max < 0))) {
            problem(line, "min and max of '" + name + "' are lengths and cannot be negative");
        }
        if (min != null && max != null && min > max) {
            problem(line(fields.get("min").getValueNode()), "min of '" + name + "' is greater than its max");
        }
        Node defaultNode = value(fields, "default");
        String defaultText = defaultNode == null || isNull(defaultNode) ? null : text(defaultNode, "default");
        if (problems.size() > before) {
            return null;
        }
        ParamSpec spec = new ParamSpec(name, type, required, null, description == null ? null : description.strip(),
                pattern, values, min, max, mustExist);
        if (defaultText == null) {
            return spec;
        }
        if (type == ParamType.SECRET) {
            problem(line(defaultNode), "secret '" + name + "' cannot have a default: it would sit in the file in clear");
            return null;
        }
        try {
            String checked = spec.check(defaultText, false);
            return new ParamSpec(name, type, required, checked, spec.description(), pattern, values, min, max, mustExist);
        } catch (ParamSpec.InvalidValue e) {
            problem(line(defaultNode), "default of '" + name + "' " + e.getMessage());
            return null;
        }
    }

    private String pattern(String name, Node node) {
        String pattern = text(node, "pattern");
        if (pattern == null) {
            return null;
        }
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            problem(line(node), "pattern of '" + name + "' is not a valid regular expression: " + e.getDescription());
            return null;
        }
        if (NOT_PORTABLE.matcher(pattern).find()) {
            problem(line(node), "pattern of '" + name + "' uses syntax that grep -E reads differently (such as \\d, "
                    + "(?i) or [[:digit:]]); write classes out, such as [0-9], so the exported script checks it the same way");
            return null;
        }
        return pattern;
    }

    private List<String> enumValues(String name, int line, Node node) {
        if (node == null || !(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
            problem(node == null ? line : line(node), "enum '" + name + "' needs values: a list such as [plan, apply]");
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            String value = text(item, "a value of '" + name + "'");
            if (value == null) {
                continue;
            }
            if (value.isEmpty() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                problem(line(item), "values of '" + name + "' must be non-empty text without control characters");
            } else if (values.contains(value)) {
                problem(line(item), "value '" + value + "' of '" + name + "' is listed twice");
            } else {
                values.add(value);
            }
        }
        return List.copyOf(values);
    }
}
