package org.aftermath.support;

import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A Markdown document as GitHub would read it (commonmark-java with GFM tables), for asserting on its structure. */
public final class RenderedMarkdown {

    public record Title(int level, String text) {
    }

    /** The elements and attributes plain Markdown (with GFM tables) renders to; anything else came from raw HTML. */
    private static final Set<String> MARKDOWN_ELEMENTS = Set.of("h1", "h2", "h3", "h4", "h5", "h6", "p", "a", "img",
            "pre", "code", "em", "strong", "ul", "ol", "li", "blockquote", "hr", "br", "table", "thead", "tbody", "tr",
            "th", "td");
    private static final Set<String> MARKDOWN_ATTRIBUTES = Set.of("href", "src", "alt", "title", "class", "align",
            "start", "rel");

    private final Node document;

    public RenderedMarkdown(String markdown) {
        this.document = Parser.builder().extensions(List.of(TablesExtension.create())).build().parse(markdown);
    }

    /** The document as HTML from a renderer that trusts its input (no escaping, no URL checks), as many do. */
    public String html() {
        return HtmlRenderer.builder().extensions(List.of(TablesExtension.create())).build().render(document);
    }

    /**
     * Markup in {@link #html()} that could run or load something: elements and attributes Markdown does not
     * produce, and links or images to anything but http, https or mailto URLs. Escaped text does not count.
     */
    public List<String> activeMarkup() {
        return activeMarkupIn(html());
    }

    /** The same check for HTML rendered elsewhere (the preview page's). */
    public static List<String> activeMarkupIn(String html) {
        List<String> found = new ArrayList<>();
        for (Element element : Jsoup.parseBodyFragment(html).body().getAllElements()) {
            if (element.tagName().equals("body")) {
                continue;
            }
            if (!MARKDOWN_ELEMENTS.contains(element.tagName())) {
                found.add("<" + element.tagName() + ">");
            }
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                if (!MARKDOWN_ATTRIBUTES.contains(name)) {
                    found.add(element.tagName() + " " + name + "=" + attribute.getValue());
                }
                if ((name.equals("href") || name.equals("src"))
                        && !attribute.getValue().matches("(?i)(https?|mailto):.*")) {
                    found.add(element.tagName() + " " + name + "=" + attribute.getValue());
                }
            }
        }
        return found;
    }

    /** Every heading, in order, with its plain text. */
    public List<Title> headings() {
        List<Title> titles = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                titles.add(new Title(heading.getLevel(), text(heading)));
            }
        });
        return titles;
    }

    public List<String> headings(int level) {
        return headings().stream().filter(t -> t.level() == level).map(Title::text).toList();
    }

    /** The table that follows the heading with this text: rows (header first) of cell texts; {@code <br>} reads as a newline. */
    public List<List<String>> tableAfter(String headingText) {
        Node node = document.getFirstChild();
        while (node != null && !(node instanceof Heading h && text(h).equals(headingText))) {
            node = node.getNext();
        }
        if (node == null) {
            throw new AssertionError("no heading " + headingText);
        }
        for (node = node.getNext(); node != null && !(node instanceof Heading); node = node.getNext()) {
            if (node instanceof TableBlock table) {
                return rows(table);
            }
        }
        throw new AssertionError("no table after " + headingText);
    }

    /** The plain text of the blocks between a heading and the next heading of the same or a higher level. */
    public String sectionText(String headingText) {
        Node node = document.getFirstChild();
        while (node != null && !(node instanceof Heading h && text(h).equals(headingText))) {
            node = node.getNext();
        }
        if (node == null) {
            throw new AssertionError("no heading " + headingText);
        }
        int level = ((Heading) node).getLevel();
        StringBuilder text = new StringBuilder();
        for (node = node.getNext(); node != null && !(node instanceof Heading h && h.getLevel() <= level);
             node = node.getNext()) {
            text.append(text(node)).append('\n');
        }
        return text.toString().strip();
    }

    /** The plain text of the whole document. */
    public String documentText() {
        return text(document).strip();
    }

    /** Raw HTML the document lets through: every inline or block HTML node except the {@code <br>} of table cells. */
    public List<String> rawHtml() {
        List<String> html = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlInline inline) {
                if (!inline.getLiteral().equals("<br>")) {
                    html.add(inline.getLiteral());
                }
            }

            @Override
            public void visit(HtmlBlock block) {
                html.add(block.getLiteral());
            }
        });
        return html;
    }

    private static List<List<String>> rows(TableBlock table) {
        List<List<String>> rows = new ArrayList<>();
        table.accept(new AbstractVisitor() {
            @Override
            public void visit(CustomNode node) {
                if (node instanceof TableRow row) {
                    List<String> cells = new ArrayList<>();
                    for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                        cells.add(text((TableCell) cell));
                    }
                    rows.add(cells);
                } else {
                    visitChildren(node);
                }
            }

            @Override
            public void visit(CustomBlock block) {
                visitChildren(block);
            }
        });
        return rows;
    }

    private static String text(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }

            @Override
            public void visit(Code code) {
                text.append('`').append(code.getLiteral()).append('`');
            }

            @Override
            public void visit(FencedCodeBlock code) {
                text.append(code.getLiteral());
            }

            @Override
            public void visit(HtmlInline html) {
                text.append(html.getLiteral().equals("<br>") ? "\n" : html.getLiteral());
            }

            @Override
            public void visit(Paragraph paragraph) {
                visitChildren(paragraph);
                text.append('\n');
            }

            @Override
            public void visit(SoftLineBreak br) {
                text.append(' ');
            }

            @Override
            public void visit(HardLineBreak br) {
                text.append('\n');
            }
        });
        return text.toString();
    }
}
