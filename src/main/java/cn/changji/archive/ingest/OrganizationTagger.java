package cn.changji.archive.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The companies and institutions an article names, two ways:
 * <ul>
 * <li>the editors' list (ingest/organizations.txt, or archive.ingest.organizations-file): every way of writing a
 *     known name files the article under that name's facet value;</li>
 * <li>rules, for names no one listed: a registered company (…有限公司, …股份有限公司, …集团), a research institute or a
 *     university (…研究院, …研究所, …大学, …学院), whose name runs back to the nearest punctuation or word that
 *     cannot be part of it (的, 在, 与, 走进, 图为 …); and a public body (…局, …厅, …委员会, …中心, …商会, …联盟 …),
 *     which must begin with a place (昌吉州, 州, 自治区, 国家, a county, a …市 or …县), so 格局 or 开局 never count.
 *     A name beginning with 州 is the prefecture's (州水利局 is 昌吉州水利局). A found name that is a listed one with
 *     its place or legal form (新疆泰昆集团有限责任公司) is filed under the listed one; a unit or subsidiary of a listed
 *     organisation (昌吉市特变电工智能电气有限公司) keeps its own name and files the article under the listed one too.</li>
 * </ul>
 * The prefecture's party committee and government as such are not counted: nearly every article names them.
 */
public final class OrganizationTagger {
    private static final int MAX_NAME = 26;
    /** Endings of names that need no place in front, longest first where one ends another. */
    private static final List<String> ENTITY_ENDINGS = List.of("股份有限公司", "有限责任公司", "有限公司", "集团",
        "研究院", "研究所", "科学院", "大学", "学院");
    /** Endings of public bodies, which must begin with a place. */
    private static final List<String> BODY_ENDINGS = List.of("委员会", "管委会", "发改委", "管理局", "局", "办公厅", "厅",
        "工商联", "商会", "联盟", "协会", "红十字会", "总工会", "妇联", "中心血站", "中心", "消防救援大队", "小学", "中学");
    private static final List<String> ENDINGS = sortedLongestFirst(ENTITY_ENDINGS, BODY_ENDINGS);
    private static final WordIndex ENDING = new WordIndex(ENDINGS);
    /** Words a name cannot contain: a name starts after the last of them. */
    private static final List<String> STOPS = List.of("的", "在", "与", "从", "由", "为", "向", "对", "将", "把", "被",
        "是", "于", "到", "让", "给", "同", "跟", "经过", "据", "及", "等", "走进", "前往", "来到", "选举", "图为", "记者",
        "位于", "加入", "联合", "深化", "以及", "建设方", "首个", "首家", "一家", "多家", "该", "我", "这", "其", "各",
        "发挥", "成立", "开展", "举办", "召开", "组织", "推动", "支持", "依托", "携手", "牵头", "指导");
    private static final WordIndex STOP = new WordIndex(STOPS);
    /** What comes before 局 or 厅 in words that name no body (格局, 开局; 展厅). */
    private static final String NOT_BEFORE_BUREAU = "布格开全结破困大当新变胜僵定终残棋时政赛";
    private static final String NOT_BEFORE_HALL = "展大客餐门舞歌";
    /** Words that make a would-be body no name: a level or a kind of body, not one body (基层, 各级, 有关, 相关). */
    private static final List<String> NOT_IN_A_BODY = List.of("基层", "有关", "各级", "相关");
    /** Openings of group names that describe rather than name (企业集团, 产业联盟 without a name before them). */
    private static final List<String> NOT_A_NAME = List.of("企业", "产业", "行业", "龙头", "农牧业企业", "大型企业");
    /** For companies "和" ends a name too; public bodies keep it (发展和改革委员会, 文化和旅游局). */
    private static final String COMPANY_STOP = "和";
    private static final List<String> PLACES = List.of("新疆维吾尔自治区", "昌吉回族自治州", "昌吉州", "自治区", "新疆",
        "国家", "中国", "中共", "国务院", "全国", "昌吉", "州");
    /** Legal forms at the end of a company's name, each before the shorter ones it ends with. */
    private static final List<String> LEGAL_FORMS = List.of("股份有限公司", "有限责任公司", "有限公司", "集团");
    /** A group's mark before a legal form: 天山面粉(集团)有限责任公司. */
    private static final List<String> GROUP_MARKS = List.of("(集团)", "（集团）");
    private static final Pattern LEADERSHIP = Pattern.compile("^(中共)?(昌吉州|昌吉回族自治州|州|自治区|[\\u4e00-\\u9fa5]{2,3}[市县])(委员会|人民政府|党委)$");

    /** Every way of writing a listed name, longest first, with its facet value. */
    private final Map<String, String> aliases;
    private final WordIndex aliasIndex;
    private final List<String> places;

    private OrganizationTagger(Map<String, List<String>> listed, List<String> countyNames) {
        Map<String, String> byAlias = new LinkedHashMap<>();
        listed.forEach((name, writings) -> {
            byAlias.put(name, name);
            writings.forEach(writing -> byAlias.put(writing, name));
        });
        this.aliases = new LinkedHashMap<>();
        byAlias.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed())
            .forEach(alias -> aliases.put(alias, byAlias.get(alias)));
        this.aliasIndex = new WordIndex(List.copyOf(aliases.keySet()));
        List<String> all = new ArrayList<>(countyNames);
        all.addAll(PLACES);
        this.places = all;
    }

    public static OrganizationTagger load(Optional<Path> override, CountyTagger counties) {
        return new OrganizationTagger(KeywordFile.read("/ingest/organizations.txt", override), counties.writings());
    }

    /** The organisations of an article, in the order they first appear, each once. */
    public List<String> tag(String headline, String body) {
        String text = (headline == null ? "" : headline) + "\n" + (body == null ? "" : body);
        Set<String> found = new LinkedHashSet<>();
        for (String name : ruleNames(text)) {
            found.add(listedName(name).orElse(name));
        }
        Set<String> written = aliasIndex.occurring(text);
        aliases.forEach((alias, name) -> {
            if (written.contains(alias)) {
                found.add(name);
            }
        });
        // a name that ends a longer one after a listed name or a place is that one, shortened (新疆理化技术研究所 of
        // 中国科学院新疆理化技术研究所); after anything else it is another (木垒新能源有限公司, 华电新疆木垒新能源有限公司)
        List<String> names = new ArrayList<>(found);
        names.removeIf(name -> found.stream().anyMatch(other -> other.length() > name.length() && other.endsWith(name)
            && isListedOrPlace(other.substring(0, other.length() - name.length()))));
        return names;
    }

    private record Span(int start, int end, String name) {}

    private List<String> ruleNames(String text) {
        List<Span> spans = new ArrayList<>();
        // endings may end one another (集团 in …集团有限公司): the next is looked for from the character after a start
        for (WordIndex.Found ending = ENDING.next(text, 0); ending != null; ending = ENDING.next(text, ending.start() + 1)) {
            if (ending.end() < text.length() && text.charAt(ending.end()) == '长') {
                continue; // a title: 局长, 院长, 所长
            }
            Span span = nameEndingAt(text, ending.start(), ending.end(), ending.word());
            if (span != null) {
                spans.add(span);
            }
        }
        // of names that overlap, the longest is the name (…集团 inside …集团木垒新能源有限公司)
        spans.sort(Comparator.comparingInt((Span s) -> s.end() - s.start()).reversed());
        List<Span> kept = new ArrayList<>();
        for (Span span : spans) {
            if (kept.stream().noneMatch(k -> span.start() < k.end() && k.start() < span.end())) {
                kept.add(span);
            }
        }
        kept.sort(Comparator.comparingInt(Span::start));
        return kept.stream().map(Span::name).toList();
    }

    private Span nameEndingAt(String text, int endingStart, int end, String endingWord) {
        int start = endingStart;
        while (start > 0 && endingStart - start < MAX_NAME && isNameChar(text.charAt(start - 1))) {
            start--;
        }
        boolean body = BODY_ENDINGS.contains(endingWord);
        String before = afterEarlierEnding(text.substring(start, endingStart), body);
        int open = Math.max(before.lastIndexOf('('), before.lastIndexOf('（'));
        int close = Math.max(before.lastIndexOf(')'), before.lastIndexOf('）'));
        if (open > close && !endingWord.startsWith("有限") && !endingWord.startsWith("股份")) {
            before = before.substring(open + 1); // inside brackets: 工商联(商会 is no name
        }
        before = afterLastStop(before, body);
        if (body) {
            before = afterLastAndBeforePlace(before);
            int place = firstPlace(before);
            if (place < 0) {
                return null;
            }
            before = before.substring(place);
        }
        // a public body may be its place and its ending alone (州妇联); a company or an institute needs a name
        if (body ? before.isEmpty() : before.length() < 2 || PLACES.contains(before)) {
            return null;
        }
        String name = normalized(before + endingWord);
        if (LEADERSHIP.matcher(name).matches() || NOT_A_NAME.stream().anyMatch(before::startsWith)
            || (body && isNoBody(name))) {
            return null;
        }
        return new Span(endingStart - before.length(), end, name);
    }

    /**
     * What follows the last name ending in the text before an ending: a name does not run on over another name's end
     * (自治区工商联…和自治区工商联 is two, 中国环境科学研究院昌吉州生态环境科创中心 too), except a bracketed one
     * (天山面粉(集团)有限责任公司) and a company's or institute's parent (…集团木垒新能源有限公司, 中国科学院…研究所).
     */
    private static String afterEarlierEnding(String before, boolean body) {
        int cut = 0;
        for (WordIndex.Found earlier = ENDING.next(before, 0); earlier != null; earlier = ENDING.next(before, earlier.end())) {
            boolean bracketed = earlier.end() < before.length() && (before.charAt(earlier.end()) == ')' || before.charAt(earlier.end()) == '）');
            boolean parent = !body && ENTITY_ENDINGS.contains(earlier.word());
            if (!bracketed && !parent) {
                cut = earlier.end();
            }
        }
        return before.substring(cut);
    }

    private boolean isListedOrPlace(String prefix) {
        return aliases.containsKey(prefix) || places.contains(prefix);
    }

    private static boolean isNameChar(char c) {
        return isChinese(c) || c == '(' || c == ')' || c == '（' || c == '）';
    }

    private static String afterLastStop(String text, boolean body) {
        int cut = STOP.lastEnd(text);
        if (!body) {
            int at = text.lastIndexOf(COMPANY_STOP);
            cut = Math.max(cut, at + 1);
        }
        return text.substring(cut);
    }

    /** A public body's name after the last "和" that a place follows (…团结社区和州红十字会 is 州红十字会). */
    private String afterLastAndBeforePlace(String text) {
        for (int at = text.lastIndexOf(COMPANY_STOP); at >= 0; at = text.lastIndexOf(COMPANY_STOP, at - 1)) {
            if (firstPlace(text.substring(at + 1)) == 0) {
                return text.substring(at + 1);
            }
        }
        return text;
    }

    /** Where the first place name in the text begins, or -1. */
    private int firstPlace(String text) {
        int first = -1;
        for (String place : places) {
            int at = text.indexOf(place);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        int county = firstCityOrCounty(text);
        if (county >= 0 && (first < 0 || county < first)) {
            first = county;
        }
        return first;
    }

    /** Where the first name of a city or county (two or three Chinese characters, then 市 or 县) begins, or -1. */
    private static int firstCityOrCounty(String text) {
        for (int at = 0; at + 2 < text.length(); at++) {
            if (isChinese(text.charAt(at)) && isChinese(text.charAt(at + 1))) {
                if (isCityOrCounty(text.charAt(at + 2))) {
                    return at;
                }
                if (at + 3 < text.length() && isChinese(text.charAt(at + 2)) && isCityOrCounty(text.charAt(at + 3))) {
                    return at;
                }
            }
        }
        return -1;
    }

    private static boolean isChinese(char c) {
        return c >= '\u4e00' && c <= '\u9fa5';
    }

    private static boolean isCityOrCounty(char c) {
        return c == '市' || c == '县';
    }

    /** A would-be public body's name that names none: 格局, 开局, 展厅, 中小学, 基层…, 各级… */
    private static boolean isNoBody(String name) {
        if (name.endsWith("中小学") || NOT_IN_A_BODY.stream().anyMatch(name::contains)) {
            return true;
        }
        if (name.length() < 2) {
            return false;
        }
        char last = name.charAt(name.length() - 1);
        char before = name.charAt(name.length() - 2);
        return last == '局' && NOT_BEFORE_BUREAU.indexOf(before) >= 0 || last == '厅' && NOT_BEFORE_HALL.indexOf(before) >= 0;
    }

    private static String normalized(String name) {
        if (name.startsWith("昌吉回族自治州")) {
            return "昌吉州" + name.substring("昌吉回族自治州".length());
        }
        if (name.startsWith("州")) {
            return "昌吉" + name;
        }
        return name;
    }

    /** The listed name a found one is another writing of: itself, or the same without its legal form or place. */
    private Optional<String> listedName(String name) {
        String core = withoutLegalForm(name);
        for (String candidate : List.of(name, core, withoutPlace(core))) {
            String listed = aliases.get(candidate);
            if (listed != null) {
                return Optional.of(listed);
            }
        }
        return Optional.empty();
    }

    /** The name without the legal form it ends with, and the group's mark before that (天山面粉(集团)有限责任公司). */
    private static String withoutLegalForm(String name) {
        for (String form : LEGAL_FORMS) {
            if (name.endsWith(form)) {
                String rest = name.substring(0, name.length() - form.length());
                for (String mark : GROUP_MARKS) {
                    if (rest.endsWith(mark)) {
                        return rest.substring(0, rest.length() - mark.length());
                    }
                }
                return rest;
            }
        }
        return name;
    }

    private String withoutPlace(String name) {
        for (String place : places) {
            if (name.startsWith(place) && name.length() > place.length()) {
                return name.substring(place.length());
            }
        }
        return name;
    }

    private static List<String> sortedLongestFirst(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(Comparator.comparingInt(String::length).reversed());
        return all;
    }
}
