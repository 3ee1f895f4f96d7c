package io.jenkins.plugins.bluegreen.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Parses what {@link Markup} wrote with the JDK's parser and checks it could not run anything in a browser. */
public final class MarkupAssertions {

    private MarkupAssertions() {}

    /** Parses the document (failing the test if it is not well-formed XML) and checks it is inert. */
    public static Document parseInert(String markup) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(markup)));
        String lower = markup.toLowerCase(Locale.ROOT);
        assertThat(lower).doesNotContain("<script").doesNotContain("<style").doesNotContain("javascript:");
        for (Element element : elements(document)) {
            assertThat(element.getLocalName()).isNotIn("script", "style", "iframe", "object", "embed", "foreignObject", "use", "image");
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                String name = attributes.item(i).getNodeName().toLowerCase(Locale.ROOT);
                assertThat(name).as("attribute of <%s>", element.getTagName()).doesNotStartWith("on")
                        .isNotIn("href", "xlink:href", "src", "style");
            }
        }
        return document;
    }

    public static List<Element> elements(Document document) {
        NodeList all = document.getElementsByTagName("*");
        List<Element> elements = new ArrayList<>(all.getLength());
        for (int i = 0; i < all.getLength(); i++) {
            elements.add((Element) all.item(i));
        }
        return elements;
    }

    public static List<Element> elements(Document document, String localName) {
        return elements(document).stream().filter(e -> e.getLocalName().equals(localName)).toList();
    }
}
