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
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a runbook's YAML front matter from SnakeYAML's node tree rather than from plain maps, so every
 * complaint can name the line it is about.
 */
final class FrontMatter extends YamlNodes {

    record Result(String title, String summary, List<String> tags, Integer timeoutSeconds, List<ParamSpec> params,
                  boolean fourEyes) {
    }

    static final int TITLE_MAX = 200;
    static final int TIMEOUT_MAX = 7 * 24 * 3600;
    private static final Set<String> TOP_KEYS = Set.of("title", "summary", "params", "tags", "timeout", "fourEyes");

    private FrontMatter(String file, int firstLine, List<Problem> problems) {
        super(file, firstLine, problems);
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
        List<ParamSpec> params = new ParamSpecReader(file, firstLine, problems).params(value(top, "params"));
        boolean fourEyes = bool(value(top, "fourEyes"), "fourEyes");
        if (problems.size() > before) {
            return null;
        }
        return new Result(title.strip(), summary == null ? null : summary.strip(), tags,
                timeout == null ? null : timeout.intValue(), params, fourEyes);
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
}
