package cn.changji.archive.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import cn.changji.archive.search.SearchAnswer;

/**
 * A search's newest hits as an Atom 1.0 feed (RFC 4287) that feed readers follow: ids that never change (the feed's
 * from its search, an entry's from its article), each entry with its title, a link to the article page, its date,
 * authors, counties and industries as categories, and the snippet as an HTML summary. Dates are the day at
 * midnight, Beijing time; an undated article takes the feed's date.
 */
public final class AtomFeed {
    public static final String MEDIA_TYPE = "application/atom+xml";
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    /** The paper's own time zone (China Standard Time). */
    private static final ZoneOffset PAPER_TIME = ZoneOffset.ofHours(8);
    private static final String PAPER = "昌吉日报";

    private AtomFeed() {}

    /**
     * The feed.
     *
     * @param search   what the search asked, as a canonical query string: the feed's identity
     * @param title    the feed's title
     * @param self     the address of the feed itself
     * @param hits     the newest hits first
     * @param fallback the feed's date when no hit has one
     */
    public static byte[] of(String search, String title, String self, Permalinks permalinks, List<SearchAnswer.Hit> hits,
                            OffsetDateTime fallback) {
        String updated = hits.stream().map(SearchAnswer.Hit::publishedOn).filter(date -> date != null)
            .max(LocalDate::compareTo).map(AtomFeed::time).orElse(fallback.withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(ATOM);
            xml.writeStartElement(ATOM, "feed");
            xml.writeDefaultNamespace(ATOM);
            element(xml, "id", "urn:changji-archive:search:" + sha256(search));
            element(xml, "title", title);
            element(xml, "updated", updated);
            link(xml, "self", self, MEDIA_TYPE);
            link(xml, "alternate", permalinks.search(search), "text/html");
            xml.writeStartElement("author");
            element(xml, "name", PAPER);
            xml.writeEndElement();
            xml.writeStartElement("generator");
            xml.writeCharacters("Changji Daily archive search");
            xml.writeEndElement();
            for (SearchAnswer.Hit hit : hits) {
                entry(xml, hit, permalinks, updated);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("The feed could not be written: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static void entry(XMLStreamWriter xml, SearchAnswer.Hit hit, Permalinks permalinks, String feedUpdated)
        throws XMLStreamException {
        xml.writeStartElement("entry");
        element(xml, "id", "urn:changji-archive:article:" + hit.id());
        element(xml, "title", hit.title() == null ? "（无标题图片新闻）" : hit.title());
        link(xml, "alternate", permalinks.article(hit.id()), "text/html");
        String date = hit.publishedOn() == null ? feedUpdated : time(hit.publishedOn());
        element(xml, "updated", date);
        if (hit.publishedOn() != null) {
            element(xml, "published", date);
        }
        for (String author : hit.authors()) {
            xml.writeStartElement("author");
            element(xml, "name", author);
            xml.writeEndElement();
        }
        for (String category : hit.counties()) {
            category(xml, category, "county");
        }
        for (String category : hit.industries()) {
            category(xml, category, "industry");
        }
        if (!hit.snippet().isEmpty()) {
            xml.writeStartElement("summary");
            xml.writeAttribute("type", "html");
            xml.writeCharacters(hit.snippet()); // already HTML, escaped once more as XML text
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href, String type) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", href);
    }

    private static void category(XMLStreamWriter xml, String term, String scheme) throws XMLStreamException {
        xml.writeEmptyElement("category");
        xml.writeAttribute("term", term);
        xml.writeAttribute("scheme", "urn:changji-archive:" + scheme);
    }

    private static String time(LocalDate date) {
        return date.atStartOfDay().atOffset(PAPER_TIME).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
