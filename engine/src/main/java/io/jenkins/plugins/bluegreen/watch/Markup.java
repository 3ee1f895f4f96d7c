package io.jenkins.plugins.bluegreen.watch;

/**
 * Writes the SVG timeline and the HTML report page. Element and attribute names come from our code; every
 * attribute value and every text goes through {@link #escape}, because service names, versions, actors and probe
 * errors come from users and remote servers. The output is plain ASCII, so it reads the same whatever encoding the
 * file is later written or served with.
 */
public final class Markup {

    private static final char REPLACEMENT = '\uFFFD';

    private final StringBuilder out = new StringBuilder(4096);

    /** Starts an HTML5 document. */
    public Markup htmlDoctype() {
        out.append("<!DOCTYPE html>\n");
        return this;
    }

    /** Starts an element; {@code attributes} are name, value pairs, and a pair with a {@code null} value is left out. */
    public Markup open(String tag, String... attributes) {
        start(tag, attributes);
        out.append('>');
        return this;
    }

    public Markup close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** An element without content, written {@code <tag .../>} (valid for SVG, and for HTML's void elements). */
    public Markup empty(String tag, String... attributes) {
        start(tag, attributes);
        out.append("/>");
        return this;
    }

    /** An element holding only the given text. */
    public Markup element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    public Markup text(String text) {
        out.append(escape(text));
        return this;
    }

    /** Inserts a document another {@code Markup} wrote (the SVG inside the HTML page); never use it for data. */
    public Markup embed(Markup other) {
        out.append(other.out);
        return this;
    }

    private void start(String tag, String[] attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes of <" + tag + "> must be name, value pairs");
        }
        out.append('<').append(tag);
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /**
     * Escapes text for element content and double- or single-quoted attribute values in XML and HTML. Non-ASCII
     * characters become numeric references; characters XML 1.0 forbids (control characters, lone surrogates) become
     * U+FFFD, so a probe error holding raw bytes cannot break the document. {@code null} becomes the empty string.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> {
                    if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0x7F)) {
                        escaped.append((char) c);
                    } else {
                        escaped.append("&#").append(allowedInXml(c) ? c : REPLACEMENT).append(';');
                    }
                }
            }
        });
        return escaped.toString();
    }

    private static boolean allowedInXml(int c) {
        return (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
