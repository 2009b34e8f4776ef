package cn.changji.archive.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A synthetic archive in the article model, the same for the same seed: bodies of real paragraphs from seeds/
 * (1 to 20, most articles 3 to 7, like the paper's), headlines cut from real sentences, 20 years of dates (more
 * recent years fuller), skewed counties, industries and a few hundred authors (a handful write most pieces).
 */
final class ArchiveGenerator {
    static final String[] COUNTIES = { "昌吉市", "阜康市", "呼图壁县", "玛纳斯县", "奇台县", "吉木萨尔县", "木垒哈萨克自治县",
        "准东经济技术开发区", "昌吉国家高新技术产业开发区", "昌吉国家农业高新技术产业示范区" };
    static final String[] INDUSTRIES = { "煤炭煤电煤化工", "油气生产加工", "新能源", "新材料", "绿色矿业", "装备制造", "粮油",
        "棉花和纺织服装", "绿色有机果蔬", "优质畜产品", "文化旅游", "科技创新", "安全生产", "生态环境", "商贸物流", "社会民生" };
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢";
    private static final String GIVEN = "茜辉杰龙华敏军鹏飞婷斌雨哲云谊倩建设南锐松涛泉颖乐强伟芳娜静丽明亮宇航";
    private static final int AUTHORS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> paragraphs;
    private final List<String> authors;
    private final Random random;

    ArchiveGenerator(Path seeds, long seed) throws IOException {
        this.random = new Random(seed);
        this.paragraphs = new ArrayList<>();
        try (Stream<Path> files = Files.list(seeds)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String text = line.strip();
                    if (text.length() >= 40 && !text.startsWith("本报讯") && !text.contains("国内统一刊号")) {
                        paragraphs.add(text);
                    }
                }
            }
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        while (names.size() < AUTHORS) {
            String name = "" + SURNAMES.charAt(random.nextInt(SURNAMES.length())) + GIVEN.charAt(random.nextInt(GIVEN.length()))
                + (random.nextInt(3) == 0 ? "" : String.valueOf(GIVEN.charAt(random.nextInt(GIVEN.length()))));
            names.add(name);
        }
        this.authors = List.copyOf(names);
    }

    List<String> paragraphs() {
        return paragraphs;
    }

    /** A headline cut from the first {@code length} characters of a paragraph, its punctuation made spaces. */
    static String headlineOf(String paragraph, int length) {
        return paragraph.substring(0, length).replaceAll("[,，。、:：;；“”\"]", " ").strip();
    }

    /** Writes the archive as NDJSON files of {@code perFile} articles; gives the files in order. */
    List<Path> write(Path dir, int count, int perFile) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        BufferedWriter out = null;
        for (int i = 0; i < count; i++) {
            if (i % perFile == 0) {
                if (out != null) {
                    out.close();
                }
                Path file = dir.resolve(String.format("archive-%05d.ndjson", i / perFile));
                files.add(file);
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            }
            out.write(JSON.writeValueAsString(article(i)));
            out.write('\n');
        }
        if (out != null) {
            out.close();
        }
        return files;
    }

    ObjectNode article(int n) {
        ObjectNode a = JSON.createObjectNode();
        a.put("id", "bench-" + n);
        String first = paragraphs.get(random.nextInt(paragraphs.size()));
        int cut = Math.min(first.length(), 10 + random.nextInt(16));
        a.put("title", headlineOf(first, cut));
        StringBuilder body = new StringBuilder();
        int count = Math.max(1, Math.min(20, (int) Math.round(Math.exp(1.6 + 0.6 * random.nextGaussian()))));
        for (int p = 0; p < count; p++) {
            body.append(p == 0 ? "" : "\n\n").append(paragraphs.get(random.nextInt(paragraphs.size())));
        }
        a.put("body", body.toString());
        // 2006-2025, later years fuller: the square root pulls days towards the end
        int days = (int) (Math.sqrt(random.nextDouble()) * (20 * 365));
        a.put("publishedOn", LocalDate.of(2006, 1, 1).plusDays(days).toString());
        a.put("issueNumber", 5000 + days);
        a.put("page", 1 + random.nextInt(8));
        ArrayNode bylines = a.putArray("bylines");
        ArrayNode names = a.putArray("authors");
        int writers = 1 + (random.nextInt(10) < 3 ? 1 : 0) + (random.nextInt(10) == 0 ? 1 : 0);
        LinkedHashSet<String> chosen = new LinkedHashSet<>();
        while (chosen.size() < writers) {
            chosen.add(authors.get(zipf(AUTHORS)));
        }
        String[] roles = { "reporter", "correspondent", "photographer" };
        int r = 0;
        for (String name : chosen) {
            bylines.addObject().put("name", name).put("role", roles[Math.min(r++, roles.length - 1)]);
            names.add(name);
        }
        ArrayNode counties = a.putArray("counties");
        if (random.nextInt(10) >= 6) {
            counties.add(COUNTIES[zipf(COUNTIES.length)]);
            if (random.nextInt(5) == 0) {
                String second = COUNTIES[zipf(COUNTIES.length)];
                if (!second.equals(counties.get(0).asText())) {
                    counties.add(second);
                }
            }
        }
        ArrayNode industries = a.putArray("industries");
        LinkedHashSet<String> labels = new LinkedHashSet<>();
        int wanted = random.nextInt(4);
        for (int i = 0; i < wanted; i++) {
            labels.add(INDUSTRIES[zipf(INDUSTRIES.length)]);
        }
        labels.forEach(industries::add);
        int type = random.nextInt(100);
        a.put("type", type < 55 ? "news" : type < 75 ? "feature" : type < 90 ? "photo" : "commentary");
        return a;
    }

    /** 0..n-1, rank k with probability proportional to 1/(k+1). */
    private int zipf(int n) {
        double total = 0;
        for (int k = 1; k <= n; k++) {
            total += 1.0 / k;
        }
        double u = random.nextDouble() * total;
        for (int k = 1; k <= n; k++) {
            u -= 1.0 / k;
            if (u <= 0) {
                return k - 1;
            }
        }
        return n - 1;
    }
}
