package org.aftermath.postmortem.markdown;

import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

import java.util.ArrayList;
import java.util.List;

/**
 * Markdown to HTML for the preview page, as harmless as the export: the tree is defused the same way
 * ({@link UntrustedMarkdown}), the renderer escapes HTML and refuses other URLs too, and jsoup cleans the result.
 */
public final class MarkdownHtml {

    private static final UrlSanitizer ALLOWED_URLS = new UrlSanitizer() {
        @Override
        public String sanitizeLinkUrl(String url) {
            return UntrustedMarkdown.allowedDestination(url) ? url : "";
        }

        @Override
        public String sanitizeImageUrl(String url) {
            return sanitizeLinkUrl(url);
        }
    };
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(UntrustedMarkdown.EXTENSIONS)
            .escapeHtml(true).sanitizeUrls(true).urlSanitizer(ALLOWED_URLS).build();
    private static final Safelist SAFELIST = Safelist.relaxed().addTags("hr", "del", "s")
            .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer");

    private MarkdownHtml() {
    }

    public static String render(String markdown) {
        Node document = UntrustedMarkdown.PARSER.parse(markdown);
        keepCellLineBreaks(document);
        UntrustedMarkdown.defuse(document, markdown);
        return Jsoup.clean(RENDERER.render(document), "", SAFELIST, new Document.OutputSettings().prettyPrint(false));
    }

    /** The export writes a line break in a table cell as {@code <br>} (md:cell); the preview shows it as one. */
    private static void keepCellLineBreaks(Node document) {
        List<Node> tags = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlInline html) {
                if (html.getLiteral().equals("<br>") && html.getParent() instanceof TableCell) {
                    tags.add(html);
                }
            }
        });
        for (Node tag : tags) {
            tag.insertBefore(new HardLineBreak());
            tag.unlink();
        }
    }
}
