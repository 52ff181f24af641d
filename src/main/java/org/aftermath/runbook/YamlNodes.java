package org.aftermath.runbook;

import org.aftermath.runbook.Runbook.Problem;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What reading YAML from SnakeYAML's node tree needs wherever it happens (front matter, parameter specs):
 * typed values, and complaints that name the file's line.
 */
abstract class YamlNodes {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,18}");

    final String file;
    final int firstLine;
    final List<Problem> problems;

    YamlNodes(String file, int firstLine, List<Problem> problems) {
        this.file = file;
        this.firstLine = firstLine;
        this.problems = problems;
    }

    /** The entries of a mapping by key, refusing keys that are not plain text or appear twice. */
    Map<String, NodeTuple> entries(MappingNode mapping, String where) {
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

    static Node value(Map<String, NodeTuple> entries, String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getValueNode();
    }

    String text(Node node, String what) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        problem(line(node), what + " must be a single value, not a list or mapping");
        return null;
    }

    boolean bool(Node node, String what) {
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

    Long number(Node node, String what) {
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

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
    }

    int line(Node node) {
        return firstLine + node.getStartMark().getLine();
    }

    void problem(int line, String reason) {
        problems.add(new Problem(file, line, reason));
    }
}
