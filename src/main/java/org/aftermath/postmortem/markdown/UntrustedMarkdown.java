package org.aftermath.postmortem.markdown;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown people wrote, made harmless in its syntax tree before any renderer sees it, so the export and
 * the preview agree: raw HTML becomes text (a block of it a code block), and a link, image or link
 * definition whose destination is not an http, https or mailto URL becomes the text that was typed.
 */
final class UntrustedMarkdown {

    static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    static final Parser PARSER = Parser.builder().extensions(EXTENSIONS)
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();

    private static final Set<String> SCHEMES = Set.of("http", "https", "mailto");
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):");

    private UntrustedMarkdown() {
    }

    /**
     * Whether a link or image may point there: an absolute URL with one of the allowed schemes. The parser has
     * already decoded entities and escapes; white space and control characters, which browsers drop from a
     * URL, are dropped before the scheme is read, so {@code java&#9;script:} reads as {@code javascript:}.
     * Relative and scheme-less destinations are refused too: nothing in an exported file is relative to anything.
     */
    static boolean allowedDestination(String destination) {
        if (destination == null) {
            return false;
        }
        StringBuilder cleaned = new StringBuilder(destination.length());
        destination.codePoints().filter(c -> c > 0x20 && c != 0x7f).forEach(cleaned::appendCodePoint);
        Matcher scheme = SCHEME.matcher(cleaned);
        return scheme.lookingAt() && SCHEMES.contains(scheme.group(1).toLowerCase(Locale.ROOT));
    }

    /** Defuses a tree parsed by {@link #PARSER} from {@code source}, in place. */
    static void defuse(Node document, String source) {
        List<Runnable> replacements = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlInline html) {
                // A tag's attributes may span lines; as text it stays on one, so no line of it starts a block.
                replacements.add(() -> replace(html, new Text(html.getLiteral().replaceAll("\\s*\\R\\s*", " "))));
            }

            @Override
            public void visit(HtmlBlock html) {
                replacements.add(() -> replace(html, codeBlock(html.getLiteral())));
            }

            @Override
            public void visit(Link link) {
                if (allowedDestination(link.getDestination())) {
                    visitChildren(link);
                } else {
                    replacements.add(() -> replace(link, typed(link, source)));
                }
            }

            @Override
            public void visit(Image image) {
                if (allowedDestination(image.getDestination())) {
                    visitChildren(image);
                } else {
                    replacements.add(() -> replace(image, typed(image, source)));
                }
            }

            @Override
            public void visit(LinkReferenceDefinition definition) {
                if (!allowedDestination(definition.getDestination())) {
                    replacements.add(() -> {
                        Paragraph paragraph = new Paragraph();
                        paragraph.appendChild(typed(definition, source));
                        replace(definition, paragraph);
                    });
                }
            }
        });
        // Replaced afterwards, not while visiting; no replaced node holds another (their insides are not visited).
        replacements.forEach(Runnable::run);
    }

    /** What a defused tree may still hold that is not harmless (none, unless a renderer misbehaved). */
    static List<String> hazards(Node document) {
        List<String> hazards = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlInline html) {
                hazards.add("inline HTML " + html.getLiteral());
            }

            @Override
            public void visit(HtmlBlock html) {
                hazards.add("an HTML block");
            }

            @Override
            public void visit(Link link) {
                if (!allowedDestination(link.getDestination())) {
                    hazards.add("a link to " + link.getDestination());
                }
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                if (!allowedDestination(image.getDestination())) {
                    hazards.add("an image from " + image.getDestination());
                }
                visitChildren(image);
            }

            @Override
            public void visit(LinkReferenceDefinition definition) {
                if (!allowedDestination(definition.getDestination())) {
                    hazards.add("a link definition for " + definition.getDestination());
                }
            }
        });
        return hazards;
    }

    /** HTML shown as it was typed, its lines kept: a fence longer than any run of backticks inside it. */
    private static FencedCodeBlock codeBlock(String literal) {
        int longest = 0;
        int run = 0;
        for (char c : literal.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        FencedCodeBlock code = new FencedCodeBlock();
        code.setFenceCharacter("`");
        code.setOpeningFenceLength(Math.max(3, longest + 1));
        code.setClosingFenceLength(Math.max(3, longest + 1));
        code.setInfo("html");
        code.setLiteral(literal.endsWith("\n") ? literal : literal + "\n");
        return code;
    }

    /** The node's source as typed, on one line; its children's text if the parser gave no positions. */
    private static Text typed(Node node, String source) {
        List<SourceSpan> spans = node.getSourceSpans();
        StringBuilder text = new StringBuilder();
        for (SourceSpan span : spans) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(source.substring(span.getInputIndex(), span.getInputIndex() + span.getLength()).strip());
        }
        if (text.isEmpty()) {
            node.accept(new AbstractVisitor() {
                @Override
                public void visit(Text t) {
                    text.append(t.getLiteral());
                }
            });
        }
        return new Text(text.toString().strip());
    }

    private static void replace(Node old, Node replacement) {
        old.insertBefore(replacement);
        old.unlink();
    }
}
