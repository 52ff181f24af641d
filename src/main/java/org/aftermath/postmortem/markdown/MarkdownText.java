package org.aftermath.postmortem.markdown;

import io.quarkus.qute.TemplateExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.renderer.markdown.MarkdownRenderer;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Puts text people typed into the Markdown export without letting it break the document:
 * {@code {md:line(t)}} and {@code {md:cell(t)}} for plain text (headings, list items, table cells),
 * {@code {md:code(t)}} for a code span, {@code {md:block(t)}} for a section written in Markdown.
 */
@TemplateExtension(namespace = "md")
public final class MarkdownText {

    public static final String NOT_WRITTEN = "_Not written yet._";
    public static final String NOTHING = "—";

    /** Characters with a meaning somewhere in GitHub-flavoured Markdown; a backslash makes each literal. */
    private static final String SPECIAL = "\\`*_[]<>|~#";
    private static final Pattern ENTITY = Pattern.compile("&#?[A-Za-z0-9]+;");
    private static final Pattern LIST_NUMBER = Pattern.compile("^(\\d{1,9})([.)])");
    private static final MarkdownRenderer RENDERER = MarkdownRenderer.builder()
            .extensions(UntrustedMarkdown.EXTENSIONS).build();
    private static final Logger LOG = Logger.getLogger(MarkdownText.class);

    private MarkdownText() {
    }

    /** Plain text on one line: every line break becomes a space. */
    public static String line(String text) {
        return inline(text, " ");
    }

    /** Plain text in a table cell: pipes escaped, line breaks kept as {@code <br>}. */
    public static String cell(String text) {
        return inline(text, "<br>");
    }

    /** A code span that holds any text, backticks included. */
    public static String code(String text) {
        if (text == null || text.isBlank()) {
            return NOTHING;
        }
        String flat = text.strip().replaceAll("\\s*\\R\\s*", " ");
        int longest = 0;
        int run = 0;
        for (char c : flat.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        String pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
        return fence + pad + flat + pad + fence;
    }

    /**
     * A section written in Markdown, kept as Markdown but unable to escape its section or to carry markup:
     * parsed, defused ({@link UntrustedMarkdown}: raw HTML and links other than http, https and mailto become
     * text), its headings pushed below the document's {@code ##} sections, and written back as Markdown, which
     * closes a code fence left open. The result is parsed once more and checked; should a renderer ever let
     * something through, the section is written as plain text instead. Blank text reads "Not written yet".
     */
    public static String block(String text) {
        if (text == null || text.isBlank()) {
            return NOT_WRITTEN;
        }
        String source = text.replace("\r\n", "\n").replace('\r', '\n');
        Node document = UntrustedMarkdown.PARSER.parse(source);
        UntrustedMarkdown.defuse(document, source);
        demoteHeadings(document);
        String markdown = RENDERER.render(document).stripTrailing();
        if (markdown.isBlank()) {
            return plain(source); // only link definitions, which Markdown never shows: show what was written
        }
        List<String> hazards = hazards(markdown);
        if (!hazards.isEmpty()) {
            LOG.warnf("A postmortem section is exported as plain text: its Markdown rendered with %s", hazards);
            return plain(source);
        }
        return markdown;
    }

    /** What makes Markdown unfit for a section: anything unsafe, a heading at the document's levels, an open fence. */
    private static List<String> hazards(String markdown) {
        Node document = UntrustedMarkdown.PARSER.parse(markdown);
        List<String> hazards = new ArrayList<>(UntrustedMarkdown.hazards(document));
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                if (heading.getLevel() <= 2) {
                    hazards.add("a level " + heading.getLevel() + " heading");
                }
            }

            @Override
            public void visit(FencedCodeBlock code) {
                if (code.getClosingFenceLength() == null) {
                    hazards.add("an open code fence");
                }
            }
        });
        return hazards;
    }

    /** Headings two levels down (at most 6), each on one line as an ATX heading needs. */
    private static void demoteHeadings(Node document) {
        List<Node> breaks = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                heading.setLevel(Math.min(heading.getLevel() + 2, 6));
                heading.accept(new AbstractVisitor() {
                    @Override
                    public void visit(SoftLineBreak br) {
                        breaks.add(br);
                    }

                    @Override
                    public void visit(HardLineBreak br) {
                        breaks.add(br);
                    }
                });
            }
        });
        for (Node br : breaks) {
            br.insertBefore(new Text(" "));
            br.unlink();
        }
    }

    /** The last resort: every line as escaped text, paragraphs where the blank lines were. */
    private static String plain(String source) {
        StringBuilder plain = new StringBuilder();
        for (String paragraph : source.strip().split("\\n(?:[ \\t]*\\n)+")) {
            if (!plain.isEmpty()) {
                plain.append("\n\n");
            }
            plain.append(paragraph.lines().map(String::strip).filter(l -> !l.isEmpty()).map(MarkdownText::escape)
                    .collect(Collectors.joining("\n")));
        }
        return plain.toString();
    }

    private static String inline(String text, String lineBreak) {
        if (text == null || text.isBlank()) {
            return NOTHING;
        }
        List<String> lines = text.strip().lines().map(String::strip).filter(l -> !l.isEmpty())
                .map(MarkdownText::escape).toList();
        return String.join(lineBreak, lines);
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (SPECIAL.indexOf(c) >= 0 || c == '&' && ENTITY.matcher(text).region(i, text.length()).lookingAt()) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        String result = escaped.toString();
        // Line-start markers matter where a line begins a block (a list item, a quote, a heading underline).
        if (result.startsWith("-") || result.startsWith("+") || result.startsWith("=")) {
            return "\\" + result;
        }
        return LIST_NUMBER.matcher(result).replaceFirst("$1\\\\$2");
    }
}
