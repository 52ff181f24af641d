package org.aftermath.postmortem.markdown;

import io.quarkus.qute.TemplateExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Document;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

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
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();

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
     * A section written in Markdown, kept as Markdown but unable to escape its section: its headings are
     * pushed below the document's {@code ##} sections, raw HTML is shown as text, and a code fence left
     * open is closed. Blank text reads "Not written yet" so the gap shows.
     */
    public static String block(String text) {
        if (text == null || text.isBlank()) {
            return NOT_WRITTEN;
        }
        String source = text.replace("\r\n", "\n").replace('\r', '\n').stripTrailing()
                .replaceFirst("^(?:[ \\t]*\\n)+", "");
        List<Edit> edits = new ArrayList<>();
        PARSER.parse(source).accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                demote(source, heading, edits);
                visitChildren(heading);
            }

            @Override
            public void visit(HtmlBlock html) {
                for (SourceSpan span : html.getSourceSpans()) {
                    for (int i = span.getInputIndex(); i < span.getInputIndex() + span.getLength(); i++) {
                        if (source.charAt(i) == '<') {
                            edits.add(Edit.insert(i, "\\"));
                        }
                    }
                }
            }

            @Override
            public void visit(HtmlInline html) {
                edits.add(Edit.insert(html.getSourceSpans().get(0).getInputIndex(), "\\"));
            }

            @Override
            public void visit(FencedCodeBlock code) {
                if (code.getParent() instanceof Document && code.getClosingFenceLength() == null) {
                    edits.add(Edit.insert(source.length(),
                            "\n" + code.getFenceCharacter().repeat(code.getOpeningFenceLength())));
                }
            }
        });
        // From the end backwards so earlier offsets stay valid; at one offset, the edit found last goes in first.
        StringBuilder result = new StringBuilder(source);
        for (int i = edits.size() - 1; i >= 0; i--) {
            edits.get(i).order = i;
        }
        edits.stream().sorted(Comparator.comparingInt((Edit e) -> e.start).thenComparingInt(e -> e.order).reversed())
                .forEach(edit -> result.replace(edit.start, edit.end, edit.replacement));
        return result.toString();
    }

    private static final class Edit {
        final int start;
        final int end;
        final String replacement;
        int order;

        Edit(int start, int end, String replacement) {
            this.start = start;
            this.end = end;
            this.replacement = replacement;
        }

        static Edit insert(int at, String text) {
            return new Edit(at, at, text);
        }
    }

    /**
     * An ATX heading ({@code # Title}) gets two more {@code #}; a setext one (a line underlined with
     * {@code ===} or {@code ---}) is rewritten as ATX at the same depth, its lines joined.
     */
    private static void demote(String source, Heading heading, List<Edit> edits) {
        String marks = "#".repeat(Math.min(heading.getLevel() + 2, 6));
        List<SourceSpan> spans = heading.getSourceSpans();
        SourceSpan first = spans.get(0);
        int start = first.getInputIndex();
        while (start < source.length() && source.charAt(start) == ' ') {
            start++;
        }
        if (spans.size() == 1) {
            int end = start;
            while (end < source.length() && source.charAt(end) == '#') {
                end++;
            }
            edits.add(new Edit(start, end, marks));
            return;
        }
        edits.add(Edit.insert(start, marks + " "));
        for (int i = 1; i < spans.size() - 1; i++) {
            SourceSpan previous = spans.get(i - 1);
            edits.add(new Edit(previous.getInputIndex() + previous.getLength(), spans.get(i).getInputIndex(), " "));
        }
        SourceSpan lastLine = spans.get(spans.size() - 2);
        SourceSpan underline = spans.get(spans.size() - 1);
        edits.add(new Edit(lastLine.getInputIndex() + lastLine.getLength(),
                underline.getInputIndex() + underline.getLength(), ""));
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
