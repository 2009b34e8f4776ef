package cn.changji.archive.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.changji.archive.article.Article;
import cn.changji.archive.article.Byline;

/** The CSV a spreadsheet opens: BOM, a bilingual header, RFC 4180 quoting, CRLF, no formulas. */
class CsvExportTest {
    private static final Permalinks LINKS = new Permalinks("https://archive.example");

    private static String export(Article... articles) throws IOException {
        StringWriter out = new StringWriter();
        CsvExport csv = new CsvExport(out, LINKS);
        for (Article article : articles) {
            csv.write(article);
        }
        return out.toString();
    }

    private static Article article(String id, String title, LocalDate date) {
        return new Article(id, title, null, null, null, "正文。", date, 12234, 1, List.of(new Byline("刘辉", "reporter")),
            List.of("刘辉", "黄杰"), List.of("木垒哈萨克自治县"), List.of("新能源", "装备制造"), List.of("特变电工"), Article.NEWS, null);
    }

    @Test
    void aRowHoldsTheArticlesFactsInTheHeadersOrder() throws IOException {
        String csv = export(article("a1", "新能源产业发展联盟成立", LocalDate.of(2025, 4, 16)));
        assertTrue(csv.startsWith("\uFEFF日期 date,期号 issue,版次 page,标题 title,作者 authors,县市 counties,产业 industries,"
            + "体裁 type,企业与机构 organizations,链接 permalink\r\n"), csv);
        assertTrue(csv.endsWith("2025-04-16,12234,1,新能源产业发展联盟成立,刘辉、黄杰,木垒哈萨克自治县,新能源、装备制造,消息,特变电工,"
            + "https://archive.example/?id=a1\r\n"), csv);
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedAndAnUnknownDateIsEmpty() throws IOException {
        String csv = export(article("a2", "他说：\"好\",\n然后", null));
        assertTrue(csv.contains("\r\n,12234,1,\"他说：\"\"好\"\",\n然后\","), csv);
    }

    @Test
    void cellsASpreadsheetWouldRunAsFormulasAreDefused() {
        assertEquals("'=HYPERLINK(\"x\")", CsvExport.cell("=HYPERLINK(\"x\")").replace("\"\"", "\"").replaceAll("^\"|\"$", ""));
        assertEquals("'-光伏", CsvExport.cell("-光伏"));
        assertEquals("'@sum", CsvExport.cell("@sum"));
        assertEquals("——副题", CsvExport.cell("——副题"));
    }
}
