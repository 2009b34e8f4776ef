package cn.changji.archive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The command-line import, as a Kubernetes Job runs it: files in, report on stdout, exit status telling the outcome. */
@QuarkusTest
class ImportCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ImportCommand command;

    private record Run(int exitCode, JsonNode report, String out, String err) {}

    private Run run(String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = command.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        String stdout = out.toString(StandardCharsets.UTF_8);
        return new Run(exit, stdout.isBlank() ? null : JSON.readTree(stdout), stdout, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void importsADirectoryThenAGlobFindsEverythingUnchanged() throws IOException {
        Run first = run("seeds");
        assertEquals(0, first.exitCode(), first.err());
        assertEquals(27, first.report().get("read").asInt());
        assertEquals(0, first.report().get("failed").asInt());
        assertEquals(27, first.report().get("indexed").asInt() + first.report().get("unchanged").asInt());
        assertTrue(first.err().contains("5/5 files, 27 articles, 0 failed"), first.err());

        Run again = run("seeds/*.txt");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(27, again.report().get("unchanged").asInt(), "the glob finds the same pages; nothing changes");
        assertEquals(0, again.report().get("indexed").asInt());
    }

    @Test
    void badFilesAreNamedAndTheGoodOnesImported() throws IOException {
        Path dir = Files.createTempDirectory("import-cli");
        Files.writeString(dir.resolve("empty.txt"), "");
        Files.writeString(dir.resolve("good.ndjson"), "{\"title\":\"命令行导入测试文章\",\"body\":\"命令行导入测试正文。\"}\n"
            + "{\"title\":\"坏日期\",\"publishedOn\":\"2025-02-30\"}\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("notes.md"), "ignored: not an import format");

        Run result = run(dir.toString());
        assertEquals(1, result.exitCode(), "some records failed");
        assertEquals(3, result.report().get("read").asInt());
        assertEquals(1, result.report().get("indexed").asInt() + result.report().get("unchanged").asInt());
        assertEquals(2, result.report().get("failed").asInt());
        List<String> files = result.report().findValues("file").stream().map(JsonNode::asText).toList();
        assertTrue(files.contains(dir.resolve("empty.txt").toString()), files.toString());
        assertTrue(result.out().contains("\"line\" : 2"), "the bad NDJSON line is named: " + result.out());
    }

    @Test
    void usageErrorsExitWithTwo() throws IOException {
        assertEquals(2, run().exitCode());
        assertEquals(2, run("--published-on=yesterday", "seeds").exitCode());
        Run missing = run("no/such/dir");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("no such file or directory: no/such/dir"), missing.err());
    }

    @Test
    void articlesElasticsearchRefusesGoToTheDeadLetterFileAndReplayOnceFixed() throws IOException {
        Path dir = Files.createTempDirectory("import-dead-letter");
        String immense = "名".repeat(12_000); // 36,000 bytes: over the 32,766 Lucene takes for one keyword
        Files.writeString(dir.resolve("refused.ndjson"),
            "{\"id\":\"dead-letter-ok\",\"title\":\"死信测试正常文章\",\"body\":\"这一篇应当直接入库。\"}\n"
                + "{\"id\":\"dead-letter-refused\",\"title\":\"死信测试超长作者\",\"body\":\"作者名过长，Elasticsearch 拒收。\","
                + "\"authors\":[\"" + immense + "\"]}\n", StandardCharsets.UTF_8);
        Path deadLetter = dir.resolve("dead.ndjson");

        Run first = run("--dead-letter=" + deadLetter, dir.resolve("refused.ndjson").toString());
        assertEquals(1, first.exitCode(), first.err());
        assertEquals(1, first.report().get("failed").asInt(), first.out());
        assertTrue(first.err().contains("import --replay=" + deadLetter), first.err());
        List<String> lines = Files.readAllLines(deadLetter, StandardCharsets.UTF_8);
        assertEquals(1, lines.size());
        JsonNode entry = JSON.readTree(lines.get(0));
        assertEquals(dir.resolve("refused.ndjson").toString(), entry.get("file").asText());
        assertEquals(2, entry.get("position").asInt());
        assertTrue(entry.get("reason").asText().contains("400") && entry.get("reason").asText().contains("[authors]"),
            entry.get("reason").asText().substring(0, 200));
        assertEquals("dead-letter-refused", entry.at("/article/id").asText());

        Run again = run("--replay=" + deadLetter);
        assertEquals(1, again.exitCode(), "still refused: " + again.err());
        assertEquals(1, Files.readAllLines(deadLetter, StandardCharsets.UTF_8).size(), "kept for the next replay");

        // an editor shortens the name in the dead-letter file, and the replay takes it
        Files.writeString(deadLetter, Files.readString(deadLetter, StandardCharsets.UTF_8).replace(immense, "名字"), StandardCharsets.UTF_8);
        Run fixed = run("--replay=" + deadLetter);
        assertEquals(0, fixed.exitCode(), fixed.err());
        assertEquals(1, fixed.report().get("indexed").asInt(), fixed.out());
        assertTrue(Files.notExists(deadLetter), "an empty dead-letter file is removed");
    }

    @Test
    void aReplayOfABrokenDeadLetterFileNamesTheLine() throws IOException {
        Path deadLetter = Files.createTempFile("dead", ".ndjson");
        Files.writeString(deadLetter, "{\"file\":\"a.txt\",\"position\":1,\"reason\":\"r\",\"article\":{\"id\":\"x\",\"title\":\"t\"}}\nnot json\n");
        Run replay = run("--replay=" + deadLetter);
        assertEquals(2, replay.exitCode());
        assertTrue(replay.err().contains("line 2 is not a dead-letter entry"), replay.err());
    }
}
