package cn.changji.archive.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import cn.changji.archive.ingest.ArticleImporter;
import cn.changji.archive.search.SeededArchive;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * The search page in headless Chromium (Debian's chromium and chromedriver), against the running service with the
 * seeded archive: what a journalist does, end to end. Screenshots go to target/screenshots/.
 */
@Tag("slow")
@QuarkusTest
@TestProfile(SeededArchive.class)
class SearchPageBrowserIT {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path DOWNLOADS = Path.of("target", "downloads").toAbsolutePath();
    private static WebDriver browser;

    @TestHTTPResource("/")
    URI root;

    @Inject
    ArticleImporter importer;

    @BeforeAll
    static void startBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(firstExisting("/usr/bin/chromium", "/usr/bin/chromium-browser"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=1280,900", "--lang=zh-CN");
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", DOWNLOADS.toString(),
            "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(firstExisting("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")))
            .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static String firstExisting(String... paths) {
        for (String path : paths) {
            if (new File(path).exists()) {
                return path;
            }
        }
        throw new IllegalStateException("none of " + List.of(paths) + " exists: install Debian's chromium and chromium-driver");
    }

    @BeforeEach
    void seed() throws IOException {
        SeededArchive.importSeeds(importer);
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    /** Read in one script call: the list is re-rendered under our feet while results arrive. */
    @SuppressWarnings("unchecked")
    private List<String> hitTitles() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
            "return [...document.querySelectorAll('#hits .hit h3 a')].map(a => a.textContent);");
    }

    private String summary() {
        return browser.findElement(By.id("summary")).getText();
    }

    private String decodedUrl() {
        return URLDecoder.decode(browser.getCurrentUrl(), StandardCharsets.UTF_8);
    }

    private void waitForResults(String previousSummary) {
        waiting().until(d -> !summary().isEmpty() && !summary().equals("检索中…") && !summary().equals(previousSummary));
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aJournalistSearchesFiltersOpensAnArticleFollowsARelatedLinkAndReloads() throws IOException {
        browser.get(root.toString());
        waiting().until(d -> summary().startsWith("最新文章"));
        assertEquals(10, hitTitles().size(), "no query: the most recent articles");

        // suggestions as one types
        WebElement box = browser.findElement(By.id("q"));
        box.sendKeys("昌吉州与");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#suggestions li")));
        assertTrue(browser.findElement(By.id("suggestions")).getText().contains("昌吉州与中科院举行科技合作座谈会"));
        box.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);

        // a query
        String before = summary();
        box.sendKeys("新能源", Keys.ENTER);
        waitForResults(before);
        assertTrue(decodedUrl().contains("q=新能源"), browser.getCurrentUrl());
        String allCounties = summary();
        assertTrue(allCounties.startsWith("找到 "), allCounties);
        assertTrue(browser.findElements(By.cssSelector("#hits .snippet em")).size() > 0, "matches highlighted");
        int countyValues = browser.findElements(By.cssSelector(".facet[data-facet=county] li input")).size();
        assertTrue(countyValues >= 2, "counties to choose from");
        screenshot("search-desktop");

        // a county: the URL changes, the counts update, the other counties stay selectable
        browser.findElement(By.cssSelector(".facet[data-facet=county] input[data-value='木垒哈萨克自治县']")).click();
        waitForResults(allCounties);
        assertTrue(decodedUrl().contains("county=木垒哈萨克自治县"), browser.getCurrentUrl());
        assertNotEquals(allCounties, summary(), "fewer hits under the county filter");
        assertEquals(countyValues, browser.findElements(By.cssSelector(".facet[data-facet=county] li input")).size(),
            "multi-select: the other counties still show with their counts");
        assertTrue(browser.findElement(By.id("chips")).getText().contains("木垒哈萨克自治县"), "an active-filter chip");
        List<String> filtered = hitTitles();
        String searchUrl = browser.getCurrentUrl();

        // the article, then a related one
        browser.findElement(By.cssSelector("#hits .hit h3 a")).click();
        waiting().until(d -> browser.findElement(By.id("article-view")).isDisplayed()
            && !browser.findElement(By.id("a-title")).getText().isEmpty());
        String title = browser.findElement(By.id("a-title")).getText();
        assertEquals(filtered.get(0), title);
        assertTrue(browser.getCurrentUrl().contains("id="));
        assertFalse(browser.findElement(By.id("search-view")).isDisplayed(), "the article replaces the results");
        assertTrue(browser.findElement(By.id("a-citation")).getText().startsWith("《昌吉日报》"), "a citation line");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#a-related li a")));
        screenshot("article-desktop");
        String articleUrl = browser.getCurrentUrl();
        WebElement related = browser.findElement(By.cssSelector("#a-related li a"));
        String relatedTitle = related.getText();
        related.click();
        waiting().until(d -> browser.findElement(By.id("a-title")).getText().equals(relatedTitle));
        assertNotEquals(articleUrl, browser.getCurrentUrl());

        // back and forward work; a reload of the search URL gives the same results
        browser.navigate().back();
        waiting().until(d -> browser.findElement(By.id("a-title")).getText().equals(title));
        browser.navigate().back();
        waiting().until(d -> browser.findElement(By.id("search-view")).isDisplayed() && !hitTitles().isEmpty());
        browser.get(searchUrl);
        waiting().until(d -> summary().startsWith("找到 ") && !hitTitles().isEmpty());
        assertEquals(filtered, hitTitles());
        assertTrue(browser.findElement(By.cssSelector(".facet[data-facet=county] input[data-value='木垒哈萨克自治县']")).isSelected());
    }

    @Test
    void zeroHitsAreExplainedAndPhoneWidthsWork() throws IOException {
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(root + "?q=" + java.net.URLEncoder.encode("没有这样的词语组合", StandardCharsets.UTF_8) + "&type=photo");
        waiting().until(d -> browser.findElement(By.id("message")).isDisplayed());
        String message = browser.findElement(By.id("message")).getText();
        assertTrue(message.contains("没有找到文章"), message);
        assertTrue(message.contains("去掉一些筛选条件"), "with a filter set, removing it is suggested");
        screenshot("no-hits-phone");

        browser.get(root + "?q=" + java.net.URLEncoder.encode("煤矿", StandardCharsets.UTF_8));
        waiting().until(d -> summary().startsWith("找到 ") && !hitTitles().isEmpty());
        long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertTrue(overflow <= 0, "no sideways scrolling on a phone: " + overflow + " px");
        screenshot("search-phone");
        browser.findElement(By.cssSelector("#hits .hit h3 a")).click();
        waiting().until(d -> !browser.findElement(By.id("a-title")).getText().isEmpty()
            && !browser.findElement(By.id("a-body")).getText().isEmpty());
        assertFalse(browser.findElement(By.id("a-bylines")).getText().isEmpty(), "bylines with roles");
        screenshot("article-phone");
    }

    @Test
    void loadMoreAddsEveryHitOnceUntilTheLastOne() {
        browser.get(root.resolve("/?q=" + java.net.URLEncoder.encode("昌吉", java.nio.charset.StandardCharsets.UTF_8)).toString());
        waiting().until(d -> summary().startsWith("找到 "));
        int total = Integer.parseInt(summary().replaceAll("[^0-9]", ""));
        assertTrue(total > 20, "a search with more than two pages of hits: " + total);
        WebElement more = browser.findElement(By.id("more"));
        while (more.isDisplayed()) {
            int shown = hitLinks().size();
            more.click();
            waiting().until(d -> hitLinks().size() > shown || !more.isDisplayed());
        }
        List<String> links = hitLinks();
        assertEquals(total, links.size(), "every hit shown");
        assertEquals(total, new java.util.HashSet<>(links).size(), "none twice");
    }

    private List<String> hitLinks() {
        return browser.findElements(By.cssSelector("#hits .hit h3 a")).stream().map(a -> a.getAttribute("href")).toList();
    }

    @Test
    void aJournalistBrowsesAnIssueDownloadsTheResultsPicksAnOrganisationAndSubscribes() throws Exception {
        // the calendar of the newest year, then a day's issue page by page, then an article and back to its page
        browser.get(root.toString());
        waiting().until(d -> summary().startsWith("最新文章"));
        browser.findElement(By.id("browse-issues")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#issue-years a.current")));
        browser.findElement(By.xpath("//nav[@id='issue-years']/a[starts-with(., '2025年')]")).click();
        waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#issue-calendar a[data-date='2025-04-16']")));
        assertTrue(browser.findElement(By.id("issues-title")).getText().contains("2025年"));
        screenshot("issues-calendar");
        browser.findElement(By.cssSelector("#issue-calendar a[data-date='2025-04-16']")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#issue-pages .page li a")));
        assertTrue(browser.findElement(By.id("issue-title")).getText().contains("总第12234期"));
        List<WebElement> pages = browser.findElements(By.cssSelector("#issue-pages .page h2"));
        assertTrue(pages.get(0).getText().matches("第\\d+版|版次不详"), "pages by number; the seed pages state none: "
            + pages.get(0).getText());
        screenshot("issue-day");
        WebElement firstArticle = browser.findElement(By.cssSelector("#issue-pages .page li a"));
        String title = firstArticle.getText();
        firstArticle.click();
        waiting().until(d -> browser.findElement(By.id("a-title")).getText().equals(title));
        browser.findElement(By.id("a-issue")).click();
        waiting().until(d -> browser.findElement(By.id("issue-view")).isDisplayed()
            && browser.getCurrentUrl().contains("issue=2025-04-16"));

        // an organisation from the facet narrows the results to the articles about it
        browser.get(root + "?q=" + java.net.URLEncoder.encode("科技", StandardCharsets.UTF_8));
        waiting().until(d -> summary().startsWith("找到 ") && !hitTitles().isEmpty());
        String before = summary();
        browser.findElement(By.cssSelector(".facet[data-facet=organization] input[data-value='中国科学院']")).click();
        waitForResults(before);
        assertTrue(decodedUrl().contains("organization=中国科学院"), browser.getCurrentUrl());
        assertTrue(browser.findElements(By.cssSelector("#hits .hit")).stream()
            .allMatch(hit -> hit.getText().contains("中国科学院")), "every hit tagged with it");

        // the download: a CSV named after the search that a spreadsheet opens
        Files.createDirectories(DOWNLOADS);
        try (var old = Files.list(DOWNLOADS)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        browser.findElement(By.id("export-csv")).click();
        waiting().until(d -> downloaded().isPresent());
        Path csv = downloaded().orElseThrow();
        assertTrue(csv.getFileName().toString().startsWith("昌吉日报-科技-中国科学院-"), csv.toString());
        List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertTrue(rows.get(0).startsWith("\uFEFF日期 date,"), rows.get(0));
        assertEquals(hitTitles().size() + 1, rows.size(), "a row per hit");

        // subscribing: the feed link gives this search's Atom feed
        String feed = browser.findElement(By.id("feed")).getAttribute("href");
        assertTrue(URLDecoder.decode(feed, StandardCharsets.UTF_8).contains("/api/v1/articles/feed?q=科技&organization=中国科学院"), feed);
        String atom = (String) ((JavascriptExecutor) browser).executeAsyncScript(
            "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done);", feed);
        assertTrue(atom.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"") && atom.contains("<entry>"), atom);
    }

    private static java.util.Optional<Path> downloaded() {
        try (var files = Files.list(DOWNLOADS)) {
            return files.filter(f -> f.toString().endsWith(".csv")).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
