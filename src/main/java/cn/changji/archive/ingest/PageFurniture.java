package cn.changji.archive.ingest;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The furniture of web and e-paper pages (data file ingest/furniture.txt): site chrome (当前位置:, 发布时间:, 分享到:),
 * e-reader headers (电子报阅读机, 当前报纸名称:昌吉日报), the e-paper's header, lists of site sections and repeated
 * site names. Shared by the HTML reader and the page-text reader, which also uses it to tell text copied from a web
 * page (one article among furniture) from the text of a PDF page (several articles under a masthead), and reads
 * the page's own date and page number from it.
 */
public final class PageFurniture {
    /** A row of links in brackets: "【打印】【关闭】", "[返回]". */
    private static final Pattern BRACKETED = Pattern.compile("^(?:[【\\[][^】\\]]{1,8}[】\\]]\\s*)+$");
    private static final Pattern SECTION_WORD = Pattern.compile("[\\p{IsHan}]{2,5}");
    private static final Pattern PAGE_NUMBER = Pattern.compile("^第\\s*(\\d{1,3})\\s*版");
    private static final Pattern DATE_LINE = Pattern.compile(
        "^((?:19|20)\\d{2})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日(?:\\s*星期.)?$");
    private static final Pattern PUBLISHED = Pattern.compile(
        "^(?:发布时间|发布日期|时间)\\s*[:：]\\s*((?:19|20)\\d{2})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})");

    private final List<String> prefixes;
    private final List<String> contained;
    private final List<String> lines;
    private final List<String> sites;

    private PageFurniture(Map<String, List<String>> rules) {
        this.prefixes = rules.getOrDefault("prefix", List.of());
        this.contained = rules.getOrDefault("contains", List.of());
        this.lines = rules.getOrDefault("line", List.of()).stream().map(PageFurniture::key).toList();
        this.sites = rules.getOrDefault("site", List.of());
    }

    public static PageFurniture load() {
        return new PageFurniture(KeywordFile.read("/ingest/furniture.txt", Optional.empty()));
    }

    /** A line or block of text that is never title, body or byline. */
    public boolean isFurniture(String text) {
        String line = text.strip();
        return isWebFurniture(line) || lines.contains(key(line)) || isSiteLine(line) || isSectionList(line)
            || PAGE_NUMBER.matcher(line).find() || DATE_LINE.matcher(line).matches() || BRACKETED.matcher(line).matches();
    }

    private boolean isWebFurniture(String line) {
        return isSiteChrome(line) || contained.stream().anyMatch(line::contains);
    }

    /** The chrome of a site or e-reader (当前位置:, 发布时间:, 当前报纸名称:, 字号:): a PDF page never prints it. */
    private boolean isSiteChrome(String line) {
        return prefixes.stream().anyMatch(line::startsWith) || lines.contains(key(line)) && line.startsWith("电子报");
    }

    /** Text copied from a web or e-paper page: two lines of site chrome or more. */
    public boolean isCopiedWebPage(List<String> pageLines) {
        return pageLines.stream().filter(this::isSiteChrome).limit(2).count() >= 2;
    }

    /** The page's own date: its 发布时间, else a date line of the e-paper ("2025年06月18日 星期三"). */
    public LocalDate pageDate(List<String> pageLines) {
        for (Pattern pattern : List.of(PUBLISHED, DATE_LINE)) {
            for (String line : pageLines) {
                Matcher matcher = pattern.matcher(line.strip());
                if (matcher.find()) {
                    try {
                        return LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                            Integer.parseInt(matcher.group(3)));
                    } catch (java.time.DateTimeException e) {
                        // not a real date: look further
                    }
                }
            }
        }
        return null;
    }

    /** The page number of an e-paper page ("第01版:要闻"). */
    public Integer pageNumber(List<String> pageLines) {
        for (String line : pageLines) {
            Matcher matcher = PAGE_NUMBER.matcher(line.strip());
            if (matcher.find()) {
                return Integer.valueOf(matcher.group(1));
            }
        }
        return null;
    }

    /** A site's name alone, or with its copyright or home link: "中国昌吉网", "中国昌吉网 版权所有". */
    private boolean isSiteLine(String line) {
        return sites.contains(line.replaceAll("版权所有|首页|[|｜>\\s]", ""));
    }

    /** A row of a site's sections: "首页 时政 经济 社会", "首页 | 政务公开 | 政务服务". */
    private static boolean isSectionList(String line) {
        String[] words = line.split("[\\s|｜>»]+");
        if (words.length < 3 || !words[0].equals("首页")) {
            return false;
        }
        for (String word : words) {
            if (!SECTION_WORD.matcher(word).matches()) {
                return false;
            }
        }
        return true;
    }

    private static String key(String text) {
        return text.replaceAll("\\s+", "");
    }
}
