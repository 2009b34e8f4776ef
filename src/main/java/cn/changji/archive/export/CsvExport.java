package cn.changji.archive.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

import cn.changji.archive.article.Article;

/**
 * Articles as CSV that Excel and WPS open as they are: UTF-8 with a byte order mark, RFC 4180 (fields quoted where
 * they hold a comma, quote or line break, quotes doubled, CRLF line ends), a header row in Chinese and English.
 * A cell that a spreadsheet would run as a formula (starting with =, +, -, @) is written with a leading apostrophe.
 */
public final class CsvExport {
    public static final String MEDIA_TYPE = "text/csv";
    private static final String BOM = "\uFEFF";
    private static final List<String> HEADER = List.of("日期 date", "期号 issue", "版次 page", "标题 title", "作者 authors",
        "县市 counties", "产业 industries", "体裁 type", "企业与机构 organizations", "链接 permalink");
    private static final Map<String, String> TYPE_NAMES = Map.of(Article.NEWS, "消息", Article.FEATURE, "通讯",
        Article.PHOTO, "图片新闻", Article.COMMENTARY, "评论");
    private static final String LIST_SEPARATOR = "、";

    private final Writer out;
    private final Permalinks permalinks;

    /** Writes the byte order mark and the header row. */
    public CsvExport(Writer out, Permalinks permalinks) throws IOException {
        this.out = out;
        this.permalinks = permalinks;
        out.write(BOM);
        row(HEADER);
    }

    public void write(Article article) throws IOException {
        row(List.of(text(article.publishedOn()), text(article.issueNumber()), text(article.page()), text(article.title()),
            String.join(LIST_SEPARATOR, orEmpty(article.authors())), String.join(LIST_SEPARATOR, orEmpty(article.counties())),
            String.join(LIST_SEPARATOR, orEmpty(article.industries())), TYPE_NAMES.getOrDefault(article.type(), text(article.type())),
            String.join(LIST_SEPARATOR, orEmpty(article.organizations())), permalinks.article(article.id())));
    }

    private void row(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    static String cell(String value) {
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
