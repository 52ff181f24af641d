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

import java.util.ArrayList;
import java.util.List;

/** A Markdown document as GitHub would read it (commonmark-java with GFM tables), for asserting on its structure. */
public final class RenderedMarkdown {

    public record Title(int level, String text) {
    }

    private final Node document;

    public RenderedMarkdown(String markdown) {
        this.document = Parser.builder().extensions(List.of(TablesExtension.create())).build().parse(markdown);
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
