package org.aftermath.runbook;

import org.aftermath.runbook.Runbook.Problem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a runbook's YAML front matter from SnakeYAML's node tree rather than from plain maps, so every
 * complaint can name the line it is about.
 */
final class FrontMatter {

    record Result(String title, String summary, List<String> tags, Integer timeoutSeconds, List<ParamSpec> params) {
    }

    static final int TITLE_MAX = 200;
    static final int TIMEOUT_MAX = 7 * 24 * 3600;
    private static final Set<String> TOP_KEYS = Set.of("title", "summary", "params", "tags", "timeout");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9]{0,63}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,18}");
    /** Regex syntax that Java and grep -E read differently (the exported script checks with grep -E). */
    private static final Pattern NOT_PORTABLE = Pattern.compile("\\\\[a-zA-Z0-9]|\\(\\?|\\[:|\\[=|\\[\\.");

    private final String file;
    private final int firstLine;
    private final List<Problem> problems;

    private FrontMatter(String file, int firstLine, List<Problem> problems) {
        this.file = file;
        this.firstLine = firstLine;
        this.problems = problems;
    }

    /** Reads the YAML that starts at {@code firstLine} of the file; null when it is unusable (problems say why). */
    static Result read(String file, String yaml, int firstLine, List<Problem> problems) {
        return new FrontMatter(file, firstLine, problems).read(yaml);
    }

    private Result read(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(10);
        options.setCodePointLimit(1_000_000);
        Node root;
        try {
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? firstLine + e.getProblemMark().getLine()
                    : e.getContextMark() != null ? firstLine + e.getContextMark().getLine() : firstLine;
            String reason = e.getProblem() != null ? e.getProblem() : "malformed YAML";
            problem(line, "front matter is not valid YAML: " + reason.strip()
                    + (e.getContext() != null ? " (" + e.getContext().strip() + ")" : ""));
            return null;
        } catch (YAMLException e) {
            problem(firstLine, "front matter is not valid YAML");
            return null;
        }
        if (root == null || isNull(root)) {
            problem(firstLine, "front matter is empty: it needs at least a title");
            return null;
        }
        if (!(root instanceof MappingNode mapping)) {
            problem(line(root), "front matter must be a mapping of keys such as title: and params:");
            return null;
        }
        int before = problems.size();
        Map<String, NodeTuple> top = entries(mapping, "front matter");
        for (Map.Entry<String, NodeTuple> entry : top.entrySet()) {
            if (!TOP_KEYS.contains(entry.getKey())) {
                problem(line(entry.getValue().getKeyNode()), "unknown front matter key '" + entry.getKey()
                        + "'; known keys: " + new TreeSet<>(TOP_KEYS));
            }
        }
        String title = text(value(top, "title"), "title");
        if (title == null || title.isBlank()) {
            problem(top.containsKey("title") ? line(top.get("title").getKeyNode()) : firstLine,
                    "front matter needs a title");
        } else if (title.strip().length() > TITLE_MAX) {
            problem(line(top.get("title").getValueNode()), "title must be at most " + TITLE_MAX + " characters");
        }
        String summary = text(value(top, "summary"), "summary");
        List<String> tags = tags(value(top, "tags"));
        Long timeout = number(value(top, "timeout"), "timeout");
        if (timeout != null && (timeout < 1 || timeout > TIMEOUT_MAX)) {
            problem(line(top.get("timeout").getValueNode()), "timeout must be between 1 and " + TIMEOUT_MAX + " seconds");
        }
        List<ParamSpec> params = params(value(top, "params"));
        if (problems.size() > before) {
            return null;
        }
        return new Result(title.strip(), summary == null ? null : summary.strip(), tags,
                timeout == null ? null : timeout.intValue(), params);
    }

    private List<String> tags(Node node) {
        List<String> tags = new ArrayList<>();
        if (node == null || isNull(node)) {
            return tags;
        }
        if (!(node instanceof SequenceNode sequence)) {
            problem(line(node), "tags must be a list such as [mail, dns]");
            return tags;
        }
        for (Node item : sequence.getValue()) {
            String tag = text(item, "a tag");
            if (tag != null && !tag.isBlank()) {
                tags.add(tag.strip());
            }
        }
        return tags;
    }

    private List<ParamSpec> params(Node node) {
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

    /** The entries of a mapping by key, refusing keys that are not plain text or appear twice. */
    private Map<String, NodeTuple> entries(MappingNode mapping, String where) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                problem(line(tuple.getKeyNode()), "keys in " + where + " must be plain names");
                continue;
            }
            if (entries.putIfAbsent(key.getValue(), tuple) != null) {
                problem(line(key), "'" + key.getValue() + "' appears twice in " + where);
            }
        }
        return entries;
    }

    private static Node value(Map<String, NodeTuple> entries, String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getValueNode();
    }

    private String text(Node node, String what) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        problem(line(node), what + " must be a single value, not a list or mapping");
        return null;
    }

    private boolean bool(Node node, String what) {
        String text = text(node, what);
        if (text == null) {
            return false;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return text.equalsIgnoreCase("true");
        }
        problem(line(node), what + " must be true or false");
        return false;
    }

    private Long number(Node node, String what) {
        String text = text(node, what);
        if (text == null) {
            return null;
        }
        if (!WHOLE_NUMBER.matcher(text.strip()).matches()) {
            problem(line(node), what + " must be a whole number");
            return null;
        }
        return Long.parseLong(text.strip());
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
    }

    private int line(Node node) {
        return firstLine + node.getStartMark().getLine();
    }

    private void problem(int line, String reason) {
        problems.add(new Problem(file, line, reason));
    }
}
