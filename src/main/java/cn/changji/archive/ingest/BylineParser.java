package cn.changji.archive.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.changji.archive.article.Byline;

/**
 * Reads the paper's byline forms, in every channel it is published on: news leads "本报讯 记者刘辉、通讯员黄杰报道:",
 * "中国昌吉网讯(记者 李明)", "丝路昌吉/昌吉州融媒体中心讯(通讯员 周平 陈静报道)"; byline lines "□本报记者 刘茜 通讯员 郭鹏飞",
 * "□本报通讯员 周平 陈静"; photo credits "□本报记者 何龙摄" / "梁宏涛 摄", also closing a caption's paragraph
 * ("……正在施工。 本报记者 王磊 摄"); and commentary signatures "□王新斌". The datelines and role words are data
 * (ingest/bylines.txt).
 */
public final class BylineParser {
    private static final Rules RULES = Rules.load();
    private static final String NAME_CHARS = "[\\p{IsHan}·•\\s]";
    private static final String NAME_LIST = "[\\p{IsHan}·•、,，\\s]";
    private static final Pattern ROLE = Pattern.compile("(" + RULES.roleAlternatives() + ")");
    private static final Pattern LEAD = Pattern.compile(
        "^(?<dateline>" + RULES.leadAlternatives() + ")\\s*(?<credits>(?:" + RULES.roleAlternatives() + ")" + NAME_LIST + "*?)"
            + "(?:报道\\s*[:：]?|\\s+(?=\\d)|[:：])\\s*(?<rest>.*)$", Pattern.DOTALL);
    /** "中国昌吉网讯(记者 王华、通讯员张丽报道)……": the credits in brackets after the dateline. */
    private static final Pattern BRACKETED_LEAD = Pattern.compile(
        "^(?<dateline>" + RULES.leadAlternatives() + ")\\s*[（(]\\s*(?<credits>(?:" + RULES.roleAlternatives() + ")"
            + NAME_LIST + "*?)\\s*(?:报道)?\\s*[)）]\\s*[:：]?\\s*(?<rest>.*)$", Pattern.DOTALL);
    private static final Pattern DATELINE = Pattern.compile("^(?:" + RULES.leadAlternatives() + ")\\s*");
    private static final Pattern BYLINE_LINE = Pattern.compile(
        "^□?\\s*(?:" + RULES.roleAlternatives() + ")\\s*[:：]?\\s*" + NAME_CHARS
            + "+(?:(?:" + RULES.roleAlternatives() + ")\\s*[:：]?\\s*" + NAME_LIST + "+)*$");
    private static final Pattern PHOTO_CREDIT = Pattern.compile(
        "^□?\\s*(?<role>本报记者|记者|本报通讯员|通讯员)?\\s*(?<names>[\\p{IsHan}·•、\\s]{2,16}?)\\s*摄$");
    /** A caption's paragraph closed by its credit: "……正在施工。 本报记者 王磊 摄", "……历史文化。□本报记者 马 军摄". */
    private static final Pattern CLOSING_CREDIT = Pattern.compile(
        "^(?<caption>.*[。！？!?…”」)）])\\s*(?<credit>□?\\s*(?:本报记者|记者|本报通讯员|通讯员)?\\s*[\\p{IsHan}·•、\\s]{2,16}?\\s*摄)$",
        Pattern.DOTALL);
    private static final Pattern SIGNATURE = Pattern.compile("^□\\s*(?<name>[\\p{IsHan}·•\\s]{2,8})$");

    private BylineParser() {}

    /** The byline and the rest of a first paragraph that opens with a dateline and credits ("本报讯 记者…报道:", "中国昌吉网讯(记者 …)"), if it does. */
    public static Optional<Lead> lead(String paragraph) {
        String text = paragraph.strip();
        for (Pattern form : List.of(BRACKETED_LEAD, LEAD)) {
            Matcher matcher = form.matcher(text);
            if (matcher.matches()) {
                return Optional.of(new Lead(credits(matcher.group("credits"), Byline.REPORTER), matcher.group("rest").strip()));
            }
        }
        return Optional.empty();
    }

    /** Opens with a channel's dateline (本报讯, 中国昌吉网讯, …): the article is news. */
    public static boolean isNewsLead(String paragraph) {
        return DATELINE.matcher(paragraph.strip()).find();
    }

    /** The paragraph without its dateline (for a lead whose credits cannot be read). */
    public static String withoutDateline(String paragraph) {
        return DATELINE.matcher(paragraph.strip()).replaceFirst("");
    }

    /** A caption's paragraph that ends with its photo credit: the caption, and the credit as a line of its own. */
    public static Optional<String[]> splitClosingCredit(String paragraph) {
        String text = paragraph.strip();
        if (!text.endsWith("摄")) {
            return Optional.empty();
        }
        Matcher matcher = CLOSING_CREDIT.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String credit = matcher.group("credit").strip();
        String names = credit.replaceFirst("^□?\\s*(?:本报记者|记者|本报通讯员|通讯员)", "");
        boolean marked = !names.equals(credit.replaceFirst("^□", "")) || credit.startsWith("□")
            || names.strip().matches(".*\\s.*");
        // without a role, a box or a space, only a short name reads as a credit ("王磊摄"), not a sentence ("拍摄")
        if (!marked && ChineseText.visibleLength(names) > 5) {
            return Optional.empty();
        }
        return photoCredit(credit).isPresent() ? Optional.of(new String[] { matcher.group("caption").strip(), credit }) : Optional.empty();
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
            role = RULES.roleOf(roles.group(1));
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

    /** The datelines and role words of ingest/bylines.txt, longest first so that a regex takes the longest. */
    private record Rules(List<String> leads, Map<String, String> roles) {
        static Rules load() {
            Map<String, List<String>> file = KeywordFile.read("/ingest/bylines.txt", Optional.empty());
            Map<String, String> roles = new LinkedHashMap<>();
            file.getOrDefault("reporter", List.of()).forEach(word -> roles.put(word, Byline.REPORTER));
            file.getOrDefault("correspondent", List.of()).forEach(word -> roles.put(word, Byline.CORRESPONDENT));
            return new Rules(file.getOrDefault("lead", List.of()), roles);
        }

        String leadAlternatives() {
            return alternatives(leads);
        }

        String roleAlternatives() {
            return alternatives(roles.keySet());
        }

        String roleOf(String word) {
            return roles.getOrDefault(word, Byline.CORRESPONDENT);
        }

        private static String alternatives(java.util.Collection<String> words) {
            return words.stream().sorted(java.util.Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote).collect(java.util.stream.Collectors.joining("|"));
        }
    }
}
