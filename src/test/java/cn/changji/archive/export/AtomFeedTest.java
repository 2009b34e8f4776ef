package cn.changji.archive.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;

import cn.changji.archive.search.SearchAnswer;

/** The feed as a feed reader (Rome) reads it: Atom 1.0 with every element RFC 4287 requires. */
class AtomFeedTest {
    private static final Permalinks LINKS = new Permalinks("https://archive.example/");
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 2, 8, 0, 0, 0, ZoneOffset.UTC);

    private static SearchAnswer.Hit hit(String id, LocalDate date, List<String> authors) {
        return new SearchAnswer.Hit(id, "标题" + id, null, date, authors, List.of("奇台县"), List.of("新能源"), List.of(),
            "news", "<em>新能源</em> &amp; 风电", null);
    }

    private static SyndFeed read(byte[] feed) throws Exception {
        return new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(feed)));
    }

    @Test
    void entriesCarryIdTitleLinkDateAuthorsCategoriesAndSnippet() throws Exception {
        byte[] xml = AtomFeed.of("q=%E6%96%B0%E8%83%BD%E6%BA%90", "昌吉日报 · 新能源", "https://archive.example/api/v1/articles/feed?q=x",
            LINKS, List.of(hit("b", LocalDate.of(2025, 4, 16), List.of("刘辉")), hit("a", null, List.of())), NOW);
        SyndFeed feed = read(xml);
        assertEquals("atom_1.0", feed.getFeedType());
        assertEquals("昌吉日报 · 新能源", feed.getTitle());
        assertTrue(feed.getUri().startsWith("urn:changji-archive:search:"), feed.getUri());
        assertEquals("昌吉日报", feed.getAuthors().get(0).getName(), "entries without an author are covered by the feed's");
        SyndEntry first = feed.getEntries().get(0);
        assertEquals("urn:changji-archive:article:b", first.getUri());
        assertEquals("标题b", first.getTitle());
        assertEquals("https://archive.example/?id=b", first.getLink());
        assertEquals("刘辉", first.getAuthors().get(0).getName());
        assertEquals(OffsetDateTime.of(2025, 4, 16, 0, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant(), first.getUpdatedDate().toInstant());
        assertEquals("<em>新能源</em> &amp; 风电", first.getDescription().getValue(), "the snippet as HTML");
        assertEquals(List.of("奇台县", "新能源"), first.getCategories().stream().map(c -> c.getName()).toList());
        assertEquals(first.getUpdatedDate(), feed.getEntries().get(1).getUpdatedDate(), "an undated entry takes the feed's date");
        String text = new String(xml, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("<updated>2025-04-16T00:00:00+08:00</updated>"), "RFC 3339 times: " + text);
    }

    @Test
    void theSameSearchKeepsItsFeedIdAndAnEmptyFeedIsStillValid() throws Exception {
        SyndFeed one = read(AtomFeed.of("q=a", "t", "https://archive.example/f", LINKS, List.of(), NOW));
        SyndFeed again = read(AtomFeed.of("q=a", "t", "https://archive.example/f", LINKS, List.of(), NOW.plusDays(1)));
        SyndFeed other = read(AtomFeed.of("q=b", "t", "https://archive.example/f", LINKS, List.of(), NOW));
        assertEquals(one.getUri(), again.getUri());
        assertTrue(!one.getUri().equals(other.getUri()));
        assertEquals(NOW.toInstant(), one.getPublishedDate().toInstant(), "the feed's updated element");
        assertTrue(one.getEntries().isEmpty());
    }
}
