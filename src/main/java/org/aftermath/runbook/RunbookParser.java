package org.aftermath.runbook;

import org.aftermath.runbook.Runbook.Problem;
import org.aftermath.runbook.Runbook.Step;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a {@code runbooks/<slug>.md} file into a {@link Runbook}, or into the list of problems (file, line,
 * reason) that keep it from being one. YAML goes to SnakeYAML and Markdown to commonmark-java; only the
 * front-matter fences and the fixed {@code {name=... plan=true}} attribute syntax are read here.
 */
public final class RunbookParser {

    public static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern STEP_NAME = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Set<String> ATTRIBUTES = Set.of("name", "plan", "confirm", "fourEyes", "timeout", "continueOnError");
    static final Parser MARKDOWN = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

    /** Either a runbook or the reasons there is none. */
    public record Result(Runbook runbook, List<Problem> problems) {
        public boolean ok() {
            return runbook != null;
        }
    }

    private RunbookParser() {
    }

    /** Reads a file's bytes, which must be UTF-8. */
    public static Result parse(String fileName, byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return parse(fileName, text);
        } catch (CharacterCodingException e) {
            return failed(fileName, 1, "the file is not valid UTF-8 text");
        }
    }

    public static Result parse(String fileName, String content) {
        List<Problem> problems = new ArrayList<>();
        String slug = fileName.endsWith(".md") ? fileName.substring(0, fileName.length() - 3) : fileName;
        if (!SLUG.matcher(slug).matches()) {
            problems.add(new Problem(fileName, 1, "the file name must be <slug>.md with a slug of lower-case letters, "
                    + "digits and dashes, such as restart-nginx.md"));
        }
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        if (!lines[0].strip().equals("---")) {
            problems.add(new Problem(fileName, 1, "a runbook starts with YAML front matter: a line '---', then title:, "
                    + "params: and so on, then another '---'"));
            return new Result(null, problems);
        }
        int end = -1;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.equals("---") || line.equals("...")) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            problems.add(new Problem(fileName, 1, "the front matter opened on line 1 is never closed by a '---' line"));
            return new Result(null, problems);
        }
        FrontMatter.Result front = FrontMatter.read(fileName, String.join("\n", List.of(lines).subList(1, end)), 2,
                problems);
        String body = String.join("\n", List.of(lines).subList(end + 1, lines.length));
        List<Step> steps = steps(fileName, body, end + 2, problems, front != null && front.fourEyes());
        if (steps.isEmpty() && problems.isEmpty()) {
            problems.add(new Problem(fileName, end + 2, "no runnable steps: add a fenced block such as "
                    + "```sh {name=check plan=true}"));
        }
        if (!problems.isEmpty() || front == null) {
            return new Result(null, problems);
        }
        return new Result(new Runbook(slug, fileName, front.title(), front.summary(), List.copyOf(front.tags()),
                front.timeoutSeconds(), List.copyOf(front.params()), List.copyOf(steps), content, sha256(content)), List.of());
    }

    private static List<Step> steps(String file, String body, int firstLine, List<Problem> problems, boolean fourEyesAll) {
        List<FencedCodeBlock> blocks = new ArrayList<>();
        MARKDOWN.parse(body).accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock block) {
                blocks.add(block);
            }
        });
        List<Step> steps = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (FencedCodeBlock block : blocks) {
            int line = firstLine + lineIndex(block);
            String info = block.getInfo() == null ? "" : block.getInfo().strip();
            int open = info.indexOf('{');
            if (open < 0) {
                continue; // a block without attributes is documentation
            }
            int before = problems.size();
            String language = info.substring(0, open).strip();
            if (!language.equals("sh") && !language.equals("bash")) {
                problems.add(new Problem(file, line, "a block with {attributes} is a step and must be ```sh or ```bash, not '"
                        + language + "'"));
                continue;
            }
            int close = info.indexOf('}', open);
            if (close < 0) {
                problems.add(new Problem(file, line, "the attributes of this step are missing their closing }"));
                continue;
            }
            if (close != info.length() - 1 || info.indexOf('{', open + 1) >= 0) {
                problems.add(new Problem(file, line, "write step attributes as one {name=... plan=true} group at the end of the ``` line"));
                continue;
            }
            Map<String, String> attributes = attributes(file, line, info.substring(open + 1, close), problems);
            String name = attributes.get("name");
            if (name == null) {
                problems.add(new Problem(file, line, "a step needs a name, such as {name=check}"));
            } else if (!STEP_NAME.matcher(name).matches()) {
                problems.add(new Problem(file, line, "step name '" + name + "' may contain only a-z, 0-9 and -"));
            } else if (!names.add(name)) {
                problems.add(new Problem(file, line, "there is already a step named '" + name + "'"));
            }
            boolean plan = flag(file, line, attributes, "plan", problems);
            boolean fourEyes = flag(file, line, attributes, "fourEyes", problems);
            boolean confirm = flag(file, line, attributes, "confirm", problems) || fourEyes;
            fourEyes = fourEyes || (confirm && fourEyesAll);
            boolean continueOnError = flag(file, line, attributes, "continueOnError", problems);
            Integer timeout = null;
            if (attributes.containsKey("timeout")) {
                String value = attributes.get("timeout");
                if (!value.matches("[0-9]{1,7}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > FrontMatter.TIMEOUT_MAX) {
                    problems.add(new Problem(file, line, "timeout must be a number of seconds between 1 and " + FrontMatter.TIMEOUT_MAX));
                } else {
                    timeout = Integer.parseInt(value);
                }
            }
            if (block.getLiteral() == null || block.getLiteral().isBlank()) {
                problems.add(new Problem(file, line, "step '" + name + "' has no commands"));
            }
            if (problems.size() == before) {
                steps.add(new Step(name, language, block.getLiteral(), plan, confirm, fourEyes, timeout, continueOnError, line));
            }
        }
        return steps;
    }

    private static Map<String, String> attributes(String file, int line, String text, List<Problem> problems) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String token : text.strip().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            int equals = token.indexOf('=');
            if (equals <= 0 || equals == token.length() - 1) {
                problems.add(new Problem(file, line, "step attribute '" + token + "' must be written key=value"));
                continue;
            }
            String key = token.substring(0, equals);
            if (!ATTRIBUTES.contains(key)) {
                problems.add(new Problem(file, line, "unknown step attribute '" + key
                        + "'; known: name, plan, confirm, fourEyes, timeout, continueOnError"));
            } else if (attributes.putIfAbsent(key, token.substring(equals + 1)) != null) {
                problems.add(new Problem(file, line, "step attribute '" + key + "' is given twice"));
            }
        }
        return attributes;
    }

    private static boolean flag(String file, int line, Map<String, String> attributes, String key, List<Problem> problems) {
        String value = attributes.get(key);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        problems.add(new Problem(file, line, key + " must be true or false"));
        return false;
    }

    /** The Markdown after the front matter, for showing a runbook as the document it is. */
    static String body(String content) {
        String[] lines = content.replace("\r\n", "\n").split("\n", -1);
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].strip().equals("---") || lines[i].strip().equals("...")) {
                return String.join("\n", java.util.Arrays.asList(lines).subList(i + 1, lines.length));
            }
        }
        return content;
    }

    private static int lineIndex(Node block) {
        return block.getSourceSpans().isEmpty() ? 0 : block.getSourceSpans().get(0).getLineIndex();
    }

    private static Result failed(String file, int line, String reason) {
        return new Result(null, List.of(new Problem(file, line, reason)));
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
