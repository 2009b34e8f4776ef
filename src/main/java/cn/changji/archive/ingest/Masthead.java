package cn.changji.archive.ingest;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The masthead some pages carry: "2025年4月" / "16" / "星期三" / "乙巳年三月十九" / "总第12234期" / "今日8版" and
 * contact lines. Gives the issue's date and number, and how many leading lines it takes.
 */
public record Masthead(LocalDate date, Integer issueNumber, int lines) {
    private static final Pattern YEAR_MONTH = Pattern.compile("^(\\d{4})年(\\d{1,2})月$");
    private static final Pattern DAY = Pattern.compile("^(\\d{1,2})$");
    private static final Pattern ISSUE = Pattern.compile("总第\\s*(\\d+)\\s*期");
    private static final Pattern MASTHEAD_LINE = Pattern.compile(
        "国内统一刊号|邮发代号|新闻热线|总第\\s*\\d+\\s*期|今日\\s*\\d+\\s*版|^星期|CHANGJI|^昌吉日报$|主管主办|出版$|客户端$"
            + "|^(\\d{4})年(\\d{1,2})月$|^\\d{1,2}$|^[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年");
    private static final int SEARCH_LINES = 25;

    public static final Masthead NONE = new Masthead(null, null, 0);

    public static Masthead find(List<String> lines) {
        LocalDate date = null;
        Integer issue = null;
        int last = -1;
        for (int i = 0; i < Math.min(SEARCH_LINES, lines.size()); i++) {
            String line = lines.get(i);
            Matcher yearMonth = YEAR_MONTH.matcher(line);
            if (yearMonth.matches() && i + 1 < lines.size()) {
                Matcher day = DAY.matcher(lines.get(i + 1));
                if (day.matches()) {
                    date = date(yearMonth.group(1), yearMonth.group(2), day.group(1));
                }
            }
            Matcher issueMatcher = ISSUE.matcher(line);
            if (issueMatcher.find()) {
                issue = Integer.valueOf(issueMatcher.group(1));
            }
            if (MASTHEAD_LINE.matcher(line).find()) {
                last = i;
            }
        }
        if (date == null && issue == null) {
            return NONE;
        }
        return new Masthead(date, issue, last + 1);
    }

    /** Contact lines can also sit elsewhere on a page; they are never article text. */
    static boolean isContactLine(String line) {
        return line.contains("国内统一刊号") || line.contains("邮发代号") || line.contains("新闻热线");
    }

    private static LocalDate date(String year, String month, String day) {
        try {
            return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
