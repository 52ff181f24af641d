package org.aftermath.postmortem.markdown;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

import java.util.List;

/** Markdown to HTML for the preview page, sanitised: whatever the Markdown holds, no script reaches the page. */
public final class MarkdownHtml {

    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).build();
    private static final Safelist SAFELIST = Safelist.relaxed().addTags("hr", "del", "s")
            .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer");

    private MarkdownHtml() {
    }

    public static String render(String markdown) {
        String html = RENDERER.render(PARSER.parse(markdown));
        return Jsoup.clean(html, "", SAFELIST, new Document.OutputSettings().prettyPrint(false));
    }
}
