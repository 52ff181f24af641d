package org.aftermath.postmortem.markdown;

import org.aftermath.support.RenderedMarkdown;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Text people typed, put into Markdown and read back the way GitHub would read it. */
class MarkdownTextTest {

    private static final String NASTY = "first | second\n<script>alert(1)</script>\n# not a heading\n"
            + "use `postconf -n` and **bold** _x_ [link](http://evil) ~~gone~~ &amp; 3. item";

    @Test
    void aTableCellKeepsPipesLineBreaksTagsAndBackticksAsText() {
        String markdown = "| Time | Event |\n| --- | --- |\n| now | " + MarkdownText.cell(NASTY) + " |\n";
        RenderedMarkdown rendered = new RenderedMarkdown("## T\n\n" + markdown);

        assertEquals(List.of(List.of("Time", "Event"), List.of("now", NASTY)), rendered.tableAfter("T"));
        assertEquals(List.of(), rendered.rawHtml());
        assertEquals(1, markdown.lines().filter(l -> l.startsWith("| now")).count(), "the row stays on one line");
    }

    @Test
    void aLineBecomesOneHeadingWhateverItHolds() {
        String title = "Modem | router <b>down</b> #2 ##";
        RenderedMarkdown rendered = new RenderedMarkdown("# " + MarkdownText.line(title + "\n## sneaky") + "\n");
        assertEquals(List.of(new RenderedMarkdown.Title(1, title + " ## sneaky")), rendered.headings());
    }

    @Test
    void leadingBlockMarkersStayText() {
        for (String text : List.of("- not a list", "+ nor this", "1. nor this", "> nor a quote", "=== nor a line")) {
            RenderedMarkdown rendered = new RenderedMarkdown(MarkdownText.line(text) + "\n");
            assertEquals(text, rendered.documentText(), text);
        }
    }

    @Test
    void aCodeSpanHoldsBackticks() {
        assertEquals("`plain`", MarkdownText.code("plain"));
        assertEquals("``a`b``", MarkdownText.code("a`b"));
        assertEquals("`` `edge` ``", MarkdownText.code("`edge`"));
        RenderedMarkdown rendered = new RenderedMarkdown("- " + MarkdownText.code("x=`y` | z") + "\n");
        assertTrue(rendered.documentText().contains("`x=`y` | z`"), rendered.documentText());
    }

    @Test
    void emptyTextReadsAsNotWrittenOrADash() {
        assertEquals("_Not written yet._", MarkdownText.block(null));
        assertEquals("_Not written yet._", MarkdownText.block(" \n\t"));
        assertEquals("—", MarkdownText.cell(""));
        assertEquals("—", MarkdownText.line(null));
    }

    @Test
    void aSectionKeepsItsMarkdownButNotItsHeadingsHtmlOrOpenFences() {
        String section = String.join("\n",
                "Intro with **bold**, `code` and a [link](https://example.org).",
                "",
                "# My own heading",
                "",
                "Underlined heading",
                "------------------",
                "",
                "Setext one",
                "===",
                "",
                "Inline <img src=x onerror=alert(1)> and <b>tags</b>.",
                "",
                "<script>",
                "alert('block')",
                "</script>",
                "",
                "- item one",
                "- item two",
                "",
                "```sh",
                "# a comment in code, not a heading",
                "<not html>");
        String document = "## Summary\n\n" + MarkdownText.block(section) + "\n\n## Impact\n\nafter\n";
        RenderedMarkdown rendered = new RenderedMarkdown(document);

        assertEquals(List.of("Summary", "Impact"), rendered.headings(2), document);
        assertEquals(List.of("My own heading", "Setext one"), rendered.headings(3), "level 1 becomes 3");
        assertEquals(List.of("Underlined heading"), rendered.headings(4), "level 2 becomes 4");
        assertEquals(List.of(), rendered.rawHtml(), document);
        String summary = rendered.sectionText("Summary");
        assertTrue(summary.contains("Inline <img src=x onerror=alert(1)> and <b>tags</b>."), summary);
        assertTrue(summary.contains("<script>"), summary);
        assertTrue(summary.contains("# a comment in code, not a heading\n<not html>"), summary);
        assertTrue(summary.contains("`code`"), "inline code stays code: " + summary);
        assertEquals("after", rendered.sectionText("Impact"), "the open fence was closed before the next section");
    }

    @Test
    void windowsLineEndingsAndSurroundingBlankLinesAreTidied() {
        assertEquals("a\n\nb", MarkdownText.block("\r\n\r\na\r\n\r\nb\r\n  \n"));
    }
}
