package cn.changji.archive.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.changji.archive.article.Byline;

/**
 * Reads the paper's byline forms: "本报讯 记者刘辉、通讯员黄杰报道:", "□本报记者 刘茜 通讯员 郭鹏飞",
 * photo credits "□本报记者 何龙摄" / "梁宏涛 摄", and commentary signatures "□王新斌".
 */
public final class BylineParser {
    private static final String NAME_CHARS = "[\\p{IsHan}·•\\s]";
    private static final Pattern ROLE = Pattern.compile("(本报特约记者|本报记者|特约记者|记者|通讯员|实习生)");
    private static final Pattern LEAD = Pattern.compile(
        "^本报讯\\s*(?<credits>(?:(?:本报)?(?:特约)?记者|通讯员|实习生)" + "[\\p{IsHan}·•、,，\\s]*?)"
            + "(?:报道\\s*[:：]?|\\s+(?=\\d)|[:：])\\s*(?<rest>.*)$", Pattern.DOTALL);
    private static final Pattern BYLINE_LINE = Pattern.compile(
        "^□?\\s*(?:本报)?(?:特约)?记者\\s*[:：]?\\s*" + NAME_CHARS
            + "+(?:(?:通讯员|实习生)\\s*[:：]?\\s*[\\p{IsHan}·•、,，\\s]+)*$");
    private static final Pattern PHOTO_CREDIT = Pattern.compile(
        "^□?\\s*(?<role>本报记者|记者|通讯员)?\\s*(?<names>[\\p{IsHan}·•、\\s]{2,16}?)\\s*摄$");
    private static final Pattern SIGNATURE = Pattern.compile("^□\\s*(?<name>[\\p{IsHan}·•\\s]{2,8})$");

    private BylineParser() {}

    /** The byline and the rest of a first paragraph that opens with "本报讯 ...报道:", if it does. */
    public static Optional<Lead> lead(String paragraph) {
        Matcher matcher = LEAD.matcher(paragraph.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Lead(credits(matcher.group("credits"), Byline.REPORTER), matcher.group("rest").strip()));
    }

    public static boolean isNewsLead(String paragraph) {
        return paragraph.strip().startsWith("本报讯");
    }

    /** A byline on its own line: "□本报记者 刘茜 通讯员 郭鹏飞", "本报记者 常谊谊 通讯员 石倩". */
    public static Optional<List<Byline>> bylineLine(String line) {
        String text = line.strip();
        if (text.length() > 40 || text.endsWith("摄") || !BYLINE_LINE.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(credits(text.replaceFirst("^□", ""), Byline.REPORTER));
    }

    /** A photo credit: "□本报记者 何龙摄", "本报记者 陈传松 摄", "梁宏涛 摄". */
    public static Optional<List<Byline>> photoCredit(String line) {
        String text = line.strip();
        if (text.length() > 24) {
            return Optional.empty();
        }
        Matcher matcher = PHOTO_CREDIT.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        List<Byline> bylines = new ArrayList<>();
        for (String name : names(matcher.group("names"))) {
            bylines.add(new Byline(name, Byline.PHOTOGRAPHER));
        }
        return bylines.isEmpty() ? Optional.empty() : Optional.of(bylines);
    }

    /** A commentary signature: "□王新斌". */
    public static Optional<Byline> signature(String line) {
        Matcher matcher = SIGNATURE.matcher(line.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String name = matcher.group("name").replaceAll("\\s+", "");
        if (name.contains("记者") || name.contains("通讯员") || name.length() > 6) {
            return Optional.empty();
        }
        return Optional.of(new Byline(name, Byline.COMMENTATOR));
    }

    /** "记者刘辉、通讯员黄杰" → reporter 刘辉, correspondent 黄杰. Names before any role word get the default role. */
    static List<Byline> credits(String text, String defaultRole) {
        List<Byline> bylines = new ArrayList<>();
        Matcher roles = ROLE.matcher(text);
        String role = defaultRole;
        int start = 0;
        while (roles.find()) {
            addNames(bylines, text.substring(start, roles.start()), role);
            role = roles.group(1).contains("记者") ? Byline.REPORTER : Byline.CORRESPONDENT;
            start = roles.end();
        }
        addNames(bylines, text.substring(start), role);
        return bylines;
    }

    private static void addNames(List<Byline> bylines, String segment, String role) {
        for (String name : names(segment)) {
            bylines.add(new Byline(name, role));
        }
    }

    /**
     * Names separated by "、" or commas; whitespace separates names too, unless a piece is a single character,
     * which is a name broken by a stray space ("杨 鹤", "毛著 魏").
     */
    static List<String> names(String segment) {
        List<String> names = new ArrayList<>();
        for (String part : segment.split("[、,，]")) {
            String[] pieces = part.replaceAll("[:：]", " ").strip().split("\\s+");
            boolean broken = false;
            for (String piece : pieces) {
                broken |= piece.codePointCount(0, piece.length()) == 1;
            }
            if (broken) {
                addName(names, String.join("", pieces));
            } else {
                for (String piece : pieces) {
                    addName(names, piece);
                }
            }
        }
        return names;
    }

    private static void addName(List<String> names, String name) {
        String clean = name.replaceAll("[\\s□:：]", "").replace('•', '·');
        if (clean.codePointCount(0, clean.length()) >= 2 && !clean.equals("本报") && !clean.equals("报道")) {
            names.add(clean);
        }
    }

    /** A news lead: its bylines and the text after "报道:". */
    public record Lead(List<Byline> bylines, String rest) {}
}
