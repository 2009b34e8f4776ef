package cn.changji.archive.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * Where the article sits on a web-edition page. Navigation, share links, footers and lists of other titles are
 * recognised by their elements, their class and id names and their link density; the article container is the
 * element that holds the most running text; the headline is the h1 nearest to it, with the kicker just above and
 * the subtitle just below.
 */
final class HtmlArticleLayout {
    private static final Set<String> NOISE_TAGS = Set.of("script", "style", "noscript", "iframe", "form", "nav",
        "footer", "aside", "button", "select", "input", "textarea", "svg", "template", "head");
    private static final Set<String> NOISE_NAMES = Set.of("nav", "navbar", "menu", "footer", "foot", "share",
        "sharing", "bdshare", "breadcrumb", "crumb", "crumbs", "sidebar", "side", "related", "relate", "comment",
        "comments", "recommend", "copyright", "toolbar", "pager", "pagination", "ad", "ads", "advert", "topbar",
        "social", "links", "list", "more", "hot", "rank");
    private static final Set<String> BLOCK_TAGS = Set.of("p", "div", "br", "li", "tr", "td", "section", "article",
        "blockquote", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dd", "dt", "pre",
        "center", "main", "header");
    private static final Set<String> HEADINGS = Set.of("h2", "h3", "h4", "h5", "h6");
    private static final Set<String> KICKER_NAMES = Set.of("kicker", "yinti", "yt", "pretitle", "intitle", "introtitle");
    private static final Set<String> SUBTITLE_NAMES = Set.of("subtitle", "subtitles", "futi", "ft", "subhead");
    private static final Set<String> TITLE_NAMES = Set.of("title", "headline", "biaoti", "bt", "article-title");
    private static final int MIN_SCORED_TEXT = 10;
    private static final int MAX_HEADLINE = 60;

    record Block(String text, boolean heading) {}

    /** The headline parts, and the short line printed just above them (where a column label sits). */
    record Headline(String kicker, String title, String subtitle, String lineAbove) {}

    private final Optional<Headline> headline;
    private final List<Block> paragraphs;
    private final String surroundingText;

    private HtmlArticleLayout(Optional<Headline> headline, List<Block> paragraphs, String surroundingText) {
        this.headline = headline;
        this.paragraphs = paragraphs;
        this.surroundingText = surroundingText;
    }

    Optional<Headline> headline() {
        return headline;
    }

    List<Block> paragraphs() {
        return paragraphs;
    }

    /** The page's text outside navigation, links and running paragraphs: where the date and page number are. */
    String surroundingText() {
        return surroundingText;
    }

    static HtmlArticleLayout of(Document page, PageFurniture furniture) {
        Element body = page.body();
        Element container = container(body, furniture);
        Element title = titleElement(body, container);
        Set<Element> headlineParts = new HashSet<>();
        Optional<Headline> headline = headline(page, title, headlineParts, furniture);
        List<Block> paragraphs = container == null ? List.of() : blocks(container, headlineParts, furniture);
        return new HtmlArticleLayout(headline, paragraphs, surroundingText(body));
    }

    static boolean isNoise(Element element) {
        if (NOISE_TAGS.contains(element.normalName())) {
            return true;
        }
        String names = (element.className() + " " + element.id()).toLowerCase(Locale.ROOT);
        if (names.isBlank()) {
            return false;
        }
        return Arrays.stream(names.split("[\\s_\\-]+")).anyMatch(NOISE_NAMES::contains);
    }

    private static boolean insideNoise(Element element) {
        for (Element e = element; e != null; e = e.parent()) {
            if (isNoise(e)) {
                return true;
            }
        }
        return false;
    }

    private static boolean insideLink(Node node) {
        for (Node n = node.parent(); n != null; n = n.parent()) {
            if (n instanceof Element e && e.normalName().equals("a")) {
                return true;
            }
        }
        return false;
    }

    /** The element with the most running text: a text's block gets it, the block's parent half of it. */
    private static Element container(Element body, PageFurniture furniture) {
        Map<Element, Double> scores = new HashMap<>();
        body.traverse((node, depth) -> {
            if (!(node instanceof TextNode text) || text.isBlank() || insideLink(text)) {
                return;
            }
            int length = ChineseText.visibleLength(text.text());
            Element parent = text.parentElement();
            if (length < MIN_SCORED_TEXT || parent == null || insideNoise(parent) || furniture.isFurniture(text.text())) {
                return;
            }
            Element block = parent;
            while (!BLOCK_TAGS.contains(block.normalName()) && block.parent() != null) {
                block = block.parent();
            }
            // a paragraph is a piece of its container, not the container
            Element holder = block.normalName().equals("p") && block.parent() != null ? block.parent() : block;
            scores.merge(holder, (double) length, Double::sum);
            if (holder.parent() != null) {
                scores.merge(holder.parent(), length / 2.0, Double::sum);
            }
        });
        return scores.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    /** The h1 closest to the container (deepest common ancestor), else an element named like a title. */
    private static Element titleElement(Element body, Element container) {
        List<Element> candidates = body.select("h1").stream().filter(h -> !insideNoise(h) && !h.text().isBlank()).toList();
        if (candidates.isEmpty()) {
            candidates = body.getAllElements().stream()
                .filter(e -> hasName(e, TITLE_NAMES) && !insideNoise(e) && !e.text().isBlank()
                    && ChineseText.visibleLength(e.text()) <= MAX_HEADLINE)
                .toList();
        }
        if (candidates.isEmpty()) {
            return null;
        }
        if (container == null) {
            return candidates.get(0);
        }
        Element best = candidates.get(0);
        int bestDepth = -1;
        for (Element candidate : candidates) {
            int depth = commonAncestorDepth(candidate, container);
            if (depth > bestDepth) {
                best = candidate;
                bestDepth = depth;
            }
        }
        return best;
    }

    private static int commonAncestorDepth(Element a, Element b) {
        List<Element> aPath = new ArrayList<>(a.parents());
        aPath.add(0, a);
        for (Element e = b; e != null; e = e.parent()) {
            if (aPath.contains(e)) {
                return e.parents().size();
            }
        }
        return 0;
    }

    private static Optional<Headline> headline(Document page, Element title, Set<Element> parts,
                                               PageFurniture furniture) {
        if (title == null) {
            String fallback = page.title().split("\\s*[-_|｜—]+\\s*")[0].strip();
            return fallback.isEmpty() ? Optional.empty() : Optional.of(new Headline(null, clean(fallback), null, null));
        }
        parts.add(title);
        String kicker = null;
        Element before = title.previousElementSibling();
        if (before != null && isHeadlinePart(before, KICKER_NAMES, furniture) && !before.text().startsWith("—")) {
            kicker = clean(before.text());
            parts.add(before);
            before = before.previousElementSibling();
        }
        String lineAbove = before != null && ChineseText.visibleLength(before.text()) <= MAX_HEADLINE
            ? before.text().strip() : null;
        String subtitle = null;
        Element after = title.nextElementSibling();
        if (after != null && (isHeadlinePart(after, SUBTITLE_NAMES, furniture) || startsLikeSubtitle(after))) {
            subtitle = clean(after.text());
            parts.add(after);
        }
        return Optional.of(new Headline(kicker, clean(title.text()), subtitle, lineAbove));
    }

    private static boolean isHeadlinePart(Element element, Set<String> names, PageFurniture furniture) {
        String text = element.text();
        boolean shortLine = !text.isBlank() && ChineseText.visibleLength(text) <= MAX_HEADLINE
            && !furniture.isFurniture(text) && HtmlPageReader.textDate(text) == null;
        return shortLine && (HEADINGS.contains(element.normalName()) || hasName(element, names));
    }

    private static boolean startsLikeSubtitle(Element element) {
        String text = element.text().strip();
        return text.startsWith("——") && ChineseText.visibleLength(text) <= MAX_HEADLINE;
    }

    private static boolean hasName(Element element, Set<String> names) {
        String all = (element.className() + " " + element.id()).toLowerCase(Locale.ROOT);
        return Arrays.stream(all.split("\\s+")).anyMatch(names::contains);
    }

    private static String clean(String text) {
        return ChineseText.removeStraySpacesKeepingWordGaps(text.strip());
    }

    /** The container's text as paragraphs, one per block element or line break, page furniture left out. */
    private static List<Block> blocks(Element container, Set<Element> skip, PageFurniture furniture) {
        List<Block> blocks = new ArrayList<>();
        StringBuilder open = new StringBuilder();
        boolean[] inHeading = {false};
        container.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof Element element) {
                    if (node != container && (skip.contains(element) || isNoise(element) || isLinkList(element))) {
                        return FilterResult.SKIP_ENTIRELY;
                    }
                    if (BLOCK_TAGS.contains(element.normalName())) {
                        flush(blocks, open, inHeading[0], furniture);
                        inHeading[0] = HEADINGS.contains(element.normalName());
                    }
                } else if (node instanceof TextNode text) {
                    open.append(text.getWholeText().replaceAll("\\s+", " "));
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                if (node instanceof Element element && BLOCK_TAGS.contains(element.normalName())) {
                    flush(blocks, open, inHeading[0], furniture);
                    inHeading[0] = false;
                }
                return FilterResult.CONTINUE;
            }
        });
        flush(blocks, open, false, furniture);
        return blocks;
    }

    private static void flush(List<Block> blocks, StringBuilder open, boolean heading, PageFurniture furniture) {
        String text = open.toString().replace('\u00A0', ' ').replace('\u3000', ' ').strip();
        open.setLength(0);
        if (text.isEmpty() || furniture.isFurniture(text)) { // the one place a page's furniture leaves the body
            return;
        }
        blocks.add(new Block(text, heading && ChineseText.visibleLength(text) <= MAX_HEADLINE));
    }

    /** Mostly links: a list of other titles or a "previous / next" bar. */
    private static boolean isLinkList(Element element) {
        int all = ChineseText.visibleLength(element.text());
        if (all == 0) {
            return false;
        }
        int linked = element.select("a").stream().mapToInt(a -> ChineseText.visibleLength(a.text())).sum();
        return linked * 2 > all && element.normalName().matches("ul|ol|table|div|p|dl|section");
    }

    private static String surroundingText(Element body) {
        Element copy = body.clone();
        copy.select("a, ul, ol").remove();
        copy.getAllElements().stream().filter(HtmlArticleLayout::isNoise).forEach(Element::remove);
        copy.select("p").stream().filter(p -> ChineseText.visibleLength(p.text()) > 80).forEach(Element::remove);
        return copy.text();
    }
}
