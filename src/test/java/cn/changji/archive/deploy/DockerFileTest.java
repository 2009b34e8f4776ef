package cn.changji.archive.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The images and the compose file, checked here where no Docker engine runs: what they copy exists, base images are
 * pinned, ports, entrypoint and environment are the service's, the Elasticsearch image gets the plugin this
 * repository builds.
 */
class DockerFileTest {
    private static final Path ROOT = Path.of(".");
    private static final Pattern PINNED = Pattern.compile("^[\\w./\\-]+:(?!latest)[\\w.\\-]*\\d+\\.\\d+[\\w.\\-]*(@sha256:[0-9a-f]{64})?$");

    private record Instruction(String name, String arguments) {}

    private static List<Instruction> instructions(String file) throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        String text = Files.readString(ROOT.resolve(file)).replaceAll("\\\\\\n", " ");
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                String[] parts = trimmed.split("\\s+", 2);
                instructions.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""));
            }
        }
        return instructions;
    }

    static String elasticsearchVersion() throws IOException {
        Matcher version = Pattern.compile("(?m)^ES_VERSION=(\\S+)").matcher(Files.readString(ROOT.resolve("scripts/local-es.sh")));
        assertTrue(version.find());
        return version.group(1);
    }

    private static String pluginZip() throws IOException {
        String pom = Files.readString(ROOT.resolve("analysis-ik/pom.xml"));
        Matcher version = Pattern.compile("<artifactId>analysis-ik</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(version.find());
        return "analysis-ik-" + version.group(1) + ".zip";
    }

    private static void copiedSourcesExist(List<Instruction> instructions, String file) {
        for (Instruction copy : instructions) {
            if ((copy.name().equals("COPY") || copy.name().equals("ADD")) && !copy.arguments().contains("--from=")) {
                List<String> words = new ArrayList<>(List.of(copy.arguments().replaceAll("--\\S+", "").strip().split("\\s+")));
                words.remove(words.size() - 1); // the destination
                for (String source : words) {
                    assertTrue(Files.exists(ROOT.resolve(source)), file + ": COPY source " + source + " is not in the build context");
                }
            }
        }
    }

    private static void baseImagesArePinned(List<Instruction> instructions, String file) {
        for (Instruction from : instructions) {
            if (from.name().equals("FROM")) {
                String image = from.arguments().split("\\s+")[0];
                assertTrue(PINNED.matcher(image).matches(), file + ": base image " + image + " is not pinned to a version");
            }
        }
    }

    @Test
    void serviceImage() throws IOException {
        List<Instruction> image = instructions("docker/service.Dockerfile");
        copiedSourcesExist(image, "service.Dockerfile");
        baseImagesArePinned(image, "service.Dockerfile");
        List<Instruction> froms = image.stream().filter(i -> i.name().equals("FROM")).toList();
        assertEquals(2, froms.size(), "multi-stage: build, then runtime");
        assertTrue(froms.get(1).arguments().contains("-jre"), "a JRE runtime without build tools");
        String port = image.stream().filter(i -> i.name().equals("EXPOSE")).findFirst().orElseThrow().arguments();
        assertEquals(applicationProperty("quarkus.http.port"), port);
        String user = image.stream().filter(i -> i.name().equals("USER")).reduce((a, b) -> b).orElseThrow().arguments();
        assertFalse(user.equals("0") || user.equals("root"), "runs as an unprivileged user");
        String copied = image.stream().filter(i -> i.name().equals("COPY") && i.arguments().contains("--from=build"))
            .findFirst().orElseThrow().arguments();
        assertTrue(copied.contains("/target/quarkus-app/ /app/"), copied);
        assertTrue(image.stream().anyMatch(i -> i.name().equals("ENTRYPOINT") && i.arguments().contains("/app/quarkus-run.jar")));
        String health = image.stream().filter(i -> i.name().equals("HEALTHCHECK")).findFirst().orElseThrow().arguments();
        assertTrue(health.contains("/q/health/ready") && health.contains("/" + port), health);
        assertTrue(image.stream().noneMatch(i -> i.name().equals("ENV") && i.arguments().matches("(?i).*(key|password)=.*")),
            "no secrets in the image");

        int dependencies = indexOf(image, i -> i.name().equals("RUN") && i.arguments().contains("dependency:"));
        int sources = indexOf(image, i -> i.name().equals("COPY") && i.arguments().startsWith("src "));
        assertTrue(dependencies >= 0 && dependencies < sources, "the dependencies in a layer of their own, before the sources");
        assertTrue(image.stream().noneMatch(i -> i.arguments().contains("JAVA_TOOL_OPTIONS")),
            "no JAVA_TOOL_OPTIONS: the JVM's 'Picked up' line would break the JSON log stream");
        String options = image.stream().filter(i -> i.name().equals("ENV") && i.arguments().startsWith("JAVA_OPTS="))
            .findFirst().orElseThrow().arguments();
        assertTrue(options.contains("-XX:+UseParallelGC") && options.contains("-XX:-UsePerfData")
            && options.contains("-XX:+ExitOnOutOfMemoryError") && options.contains("-XX:+UseTransparentHugePages"), options);
        assertTrue(options.contains("-Xlog:disable") && options.contains("-Xlog:all=warning:stderr"),
            "the JVM's own warnings on stderr, so stdout stays the JSON log stream: " + options);
        Matcher heap = Pattern.compile("MaxRAMPercentage=(\\d+)").matcher(options);
        assertTrue(heap.find() && Integer.parseInt(heap.group(1)) <= 65, "room beside the heap for direct memory and threads: " + options);
        assertTrue(image.stream().anyMatch(i -> i.name().equals("ENTRYPOINT") && i.arguments().contains("$JAVA_OPTS")));
    }

    private static int indexOf(List<Instruction> instructions, java.util.function.Predicate<Instruction> test) {
        for (int i = 0; i < instructions.size(); i++) {
            if (test.test(instructions.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void elasticsearchImageInstallsThePluginThisRepositoryBuilds() throws IOException {
        List<Instruction> image = instructions("docker/elasticsearch.Dockerfile");
        copiedSourcesExist(image, "elasticsearch.Dockerfile");
        baseImagesArePinned(image, "elasticsearch.Dockerfile");
        String runtime = image.stream().filter(i -> i.name().equals("FROM")).reduce((a, b) -> b).orElseThrow().arguments();
        assertEquals("docker.elastic.co/elasticsearch/elasticsearch:" + elasticsearchVersion(), runtime, "the version the tests run");
        String copied = image.stream().filter(i -> i.name().equals("COPY") && i.arguments().contains("--from=plugin"))
            .findFirst().orElseThrow().arguments();
        assertTrue(copied.contains("/analysis-ik/target/" + pluginZip()), copied);
        assertTrue(image.stream().anyMatch(i -> i.name().equals("RUN") && i.arguments().contains("elasticsearch-plugin install --batch file://")));
    }

    @Test
    void composeRunsElasticsearchTheServiceAndASeedImport() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker/docker-compose.yml").toFile());
        JsonNode services = compose.get("services");
        assertEquals(Set.of("elasticsearch", "search", "import-seeds"), Set.copyOf(iterate(services.fieldNames())));
        Set<String> known = KubernetesManifestIT.knownEnvironment();
        for (String name : List.of("search", "import-seeds")) {
            services.get(name).get("environment").fieldNames().forEachRemaining(env ->
                assertTrue(known.contains(env), name + ": the service reads no " + env));
        }
        JsonNode search = services.get("search");
        assertTrue(search.get("ports").get(0).asText().endsWith(":" + applicationProperty("quarkus.http.port")));
        assertTrue(ROOT.resolve("docker").resolve(search.at("/build/context").asText()).resolve(search.at("/build/dockerfile").asText())
            .toFile().isFile());
        assertTrue(search.get("environment").get("ARCHIVE_ELASTICSEARCH_HOSTS").asText().startsWith("http://elasticsearch:9200"));
        JsonNode seeds = services.get("import-seeds");
        assertEquals(search.get("image").asText(), seeds.get("image").asText());
        assertEquals(List.of("import", "/seeds"), List.of(seeds.get("command").get(0).asText(), seeds.get("command").get(1).asText()));
        String volume = seeds.get("volumes").get(0).asText();
        assertTrue(Files.isDirectory(ROOT.resolve("docker").resolve(volume.split(":")[0])), volume);
        assertTrue(services.get("elasticsearch").get("image").asText().endsWith(":" + elasticsearchVersion()));
    }

    private static List<String> iterate(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    private static String applicationProperty(String key) throws IOException {
        for (String line : Files.readAllLines(ROOT.resolve("src/main/resources/application.properties"))) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1).strip();
            }
        }
        throw new AssertionError(key + " not in application.properties");
    }
}
