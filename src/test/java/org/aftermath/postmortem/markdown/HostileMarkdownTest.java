package org.aftermath.postmortem.markdown;

import org.aftermath.support.RenderedMarkdown;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile Markdown in a postmortem section: whatever it holds, the exported section renders to no markup
 * beyond Markdown's own and no link or image to anything but http, https or mailto, and cannot leave its
 * section. The preview's HTML is held to the same.
 */
class HostileMarkdownTest {

    /** The section as it sits in the export, between two of its ## headings. */
    private static RenderedMarkdown exported(String section) {
        return new RenderedMarkdown("## Summary\n\n" + MarkdownText.block(section) + "\n\n## Impact\n\nafter\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<img src=x onerror=alert(1)>",
            "Inline <img src=x onerror=alert(1)> tag",
            "text <img\nsrc=x\nonerror=alert(1)> over lines",
            "<script>alert(1)</script>",
            "<svg><script>alert(1)</script></svg>",
            "<iframe src=\"javascript:alert(1)\"></iframe>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<div onmouseover=\"alert(1)\">\n# Owned\n</div>",
            "<style>body { display: none }</style>",
            "<!-- <img src=x onerror=alert(1)> -->",
            "<![CDATA[ <script>alert(1)</script> ]]>",
            "<?php echo 1; ?>",
            "<!DOCTYPE html>",
            "<pre>\n```\n</pre>\n<img src=x onerror=alert(1)>\n```\n</pre>",
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](  javascript:alert(1)  )",
            "[x](<javascript:alert(1)>)",
            "[x](&#106;avascript:alert(1))",
            "[x](&#x6A;avascript:alert(1))",
            "[x](&#0000106;avascript:alert(1))",
            "[x](java&#x09;script:alert(1))",
            "[x](java&Tab;script:alert(1))",
            "[x](java&NewLine;script:alert(1))",
            "[x](javascript&colon;alert(1))",
            "[x](&#32;javascript:alert(1))",
            "[x](vbscript:msgbox(1))",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[x](file:///etc/passwd)",
            "[x](/relative/path)",
            "[x](//evil.example/x)",
            "[x](javascript:alert(1) \"a title\")",
            "![x](javascript:alert(1))",
            "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
            "<javascript:alert(1)>",
            "<JAVASCRIPT:alert(1)>",
            "<vbscript:msgbox(1)>",
            "[x][evil]\n\n[evil]: javascript:alert(1)",
            "[evil]\n\n[evil]: <javascript:alert(1)> \"title\"",
            "[Evil][]\n\n[evil]:\n  javascript:alert(1)\n  'title on its own line'",
            "[![img](javascript:alert(1))](https://example.org)",
            "[<img src=x onerror=alert(1)>](https://example.org)",
            "[![img](https://example.org/i.png)](javascript:alert(1))",
            "[x](https://example.org \"a\\\" onmouseover=\\\"alert(1)\")",
            "| a | b |\n| --- | --- |\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |",
            "> <script>alert(1)</script>\n> [x](javascript:alert(1))",
            "- <img src=x onerror=alert(1)>\n- [x](javascript:alert(1))\n  <b onclick=alert(1)>b</b>",
            "1. item\n\n   <script>alert(1)</script>",
            "\\<img src=x onerror=alert(1)>",
            "&lt;img src=x onerror=alert(1)&gt;",
            "`<img src=x onerror=alert(1)>` in code is fine",
            "```\n<script>alert(1)</script>",
            "```\nclose with fewer\n``",
            "# Setext and ATX\nSetext\n===\n\nTwo\nlines\n---",
            "###### deepest\n\n####### not a heading",
    })
    void noMarkupOrBadLinkSurvivesAndTheSectionStaysInItsPlace(String hostile) {
        RenderedMarkdown rendered = exported(hostile);

        assertEquals(List.of(), rendered.activeMarkup(), () -> MarkdownText.block(hostile));
        assertEquals(List.of(), rendered.rawHtml(), () -> MarkdownText.block(hostile));
        assertEquals(List.of("Summary", "Impact"), rendered.headings(2), () -> MarkdownText.block(hostile));
        assertEquals(List.of(), rendered.headings(1));
        assertEquals("after", rendered.sectionText("Impact"), "the section did not swallow the next one");
        // The preview renders through its own renderer; it must be just as harmless.
        String preview = MarkdownHtml.render(MarkdownText.block(hostile));
        assertEquals(List.of(), RenderedMarkdown.activeMarkupIn(preview), preview);
    }

    @Test
    void rawHtmlIsShownAsTypedInlineAndAsCodeWhenItIsABlock() {
        String summary = exported("Inline <img src=x onerror=alert(1)> and <b>tags</b>.").sectionText("Summary");
        assertEquals("Inline <img src=x onerror=alert(1)> and <b>tags</b>.", summary);

        String block = MarkdownText.block("<div onmouseover=\"alert(1)\">\n# Owned\n</div>");
        assertEquals("```html\n<div onmouseover=\"alert(1)\">\n# Owned\n</div>\n```", block);
        String fenced = MarkdownText.block("<pre>\n```\nx\n</pre>");
        assertTrue(fenced.startsWith("````html\n"), "a fence longer than the backticks inside: " + fenced);
    }

    @Test
    void aRefusedLinkIsWrittenAsTheTextThatWasTyped() {
        assertEquals("[x](javascript:alert(1))",
                exported("[x](javascript:alert(1))").sectionText("Summary"));
        assertEquals("see <javascript:alert(1)> here",
                exported("see <javascript:alert(1)> here").sectionText("Summary"));
        assertEquals("![x](data:image/png;base64,AAAA)",
                exported("![x](data:image/png;base64,AAAA)").sectionText("Summary"));
        String reference = exported("[x][evil]\n\n[evil]: javascript:alert(1)").sectionText("Summary");
        assertEquals("[x][evil]\n\n[evil]: javascript:alert(1)", reference);
        assertEquals("[ok]: https://example.org", exported("[ok]: https://example.org").sectionText("Summary"),
                "a section of nothing but a definition still shows what was written");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.org", "https://example.org/a?b=c#d", "HTTPS://EXAMPLE.ORG",
            "mailto:ops@example.org"})
    void linksToTheWebAndToMailStay(String url) {
        assertTrue(UntrustedMarkdown.allowedDestination(url), url);
        String html = exported("[a link](" + url + ")").html();
        assertTrue(html.contains("<a href=\"" + url + "\">a link</a>"), html);
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
            "java\nscript:alert(1)", "\u0000javascript:x", "JAVASCRIPT:x", "vbscript:x", "data:text/html,x",
            "/relative", "relative.html", "#anchor", "//host/path", "https\u200b://example.org", "", "http"})
    void everyOtherDestinationIsRefused(String url) {
        assertFalse(UntrustedMarkdown.allowedDestination(url), url);
    }

    @Test
    void whereTheMarkdownWriterWouldOpenAFenceTheSectionIsWrittenAsPlainText() {
        // commonmark's MarkdownRenderer writes an escaped "~~~" at a line start unescaped, which opens a fence.
        String section = "before\n\\~~~\n<img src=x onerror=alert(1)> after";
        RenderedMarkdown rendered = exported(section);
        assertEquals(List.of(), rendered.activeMarkup());
        assertEquals("before \\~~~ <img src=x onerror=alert(1)> after", rendered.sectionText("Summary"));
        assertEquals("after", rendered.sectionText("Impact"));
    }

    @Test
    void ordinaryMarkdownSurvivesTheRoundTrip() {
        String section = String.join("\n",
                "# Heading",
                "",
                "Some *emphasis*, **strong**, `code`, a [link](https://example.org/runbook \"Runbook\"),",
                "mail to <ops@example.org>, an autolink <https://example.org/x> and an",
                "![image](https://example.org/graph.png).",
                "",
                "- one",
                "- two",
                "  1. nested",
                "",
                "3. three",
                "4. four",
                "",
                "> quoted",
                "",
                "| Host | State |",
                "| --- | :-: |",
                "| mail | `down` \\| degraded |",
                "",
                "```sh",
                "postconf -n | grep relay",
                "```",
                "",
                "    indented code",
                "",
                "---",
                "",
                "Last line.");
        RenderedMarkdown rendered = exported(section);
        String html = rendered.html();
        assertEquals(List.of(), rendered.activeMarkup(), html);
        for (String expected : List.of("<h3>Heading</h3>", "<em>emphasis</em>", "<strong>strong</strong>",
                "<code>code</code>", "<a href=\"https://example.org/runbook\" title=\"Runbook\">link</a>",
                "<a href=\"mailto:ops@example.org\">ops@example.org</a>",
                "<a href=\"https://example.org/x\">https://example.org/x</a>",
                "<img src=\"https://example.org/graph.png\" alt=\"image\" />", "<li>two\n<ol>\n<li>nested</li>",
                "<ol start=\"3\">", "<blockquote>\n<p>quoted</p>", "<th>Host</th>", "<td align=\"center\"><code>down</code> | degraded</td>",
                "<pre><code class=\"language-sh\">postconf -n | grep relay\n</code></pre>",
                "<pre><code>indented code\n</code></pre>", "<hr />", "<p>Last line.</p>")) {
            assertTrue(html.contains(expected), "missing " + expected + " in\n" + html);
        }
    }

    @Test
    void thePreviewKeepsTheExportsTableLineBreaksButNothingElse() {
        String markdown = "| Event |\n| --- |\n| " + MarkdownText.cell("one\ntwo <br> three") + " |\n";
        String html = MarkdownHtml.render(markdown);
        assertTrue(html.contains("<td>one<br>\ntwo &lt;br&gt; three</td>"), html);
        String hostile = MarkdownHtml.render("<img src=x onerror=alert(1)> <br> [x](javascript:alert(1))\n\n<script>alert(2)</script>");
        assertEquals(List.of(), RenderedMarkdown.activeMarkupIn(hostile), hostile);
        assertTrue(hostile.contains("&lt;img src=x onerror=alert(1)&gt; &lt;br&gt; [x](javascript:alert(1))"), hostile);
        assertTrue(hostile.contains("<pre><code>&lt;script&gt;alert(2)&lt;/script&gt;"), hostile);
    }
}
