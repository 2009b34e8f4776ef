package cn.changji.archive.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The IK plugin zip this repository builds, installed in the real test Elasticsearch, answering _analyze. */
@QuarkusTest
class IkAnalyzerPluginIT {

    @Inject
    RestClient elasticsearch;

    @Inject
    ObjectMapper json;

    @Test
    void pluginBuiltByThisRepositoryIsInstalled() throws IOException {
        Response response = elasticsearch.performRequest(new Request("GET", "/_cat/plugins?h=component"));
        String plugins = new String(response.getEntity().getContent().readAllBytes());
        assertTrue(plugins.contains("analysis-ik"), plugins);
    }

    @Test
    void ikSmartKeepsCountyAndPaperTermsWhole() throws IOException {
        List<String> tokens = analyze("analyzer", "ik_smart", "木垒哈萨克自治县大力发展新质生产力,建设典范地州");
        assertEquals(List.of("木垒哈萨克自治县", "大力发展", "新质生产力", "建设", "典范地州"), tokens);
    }

    @Test
    void ikMaxWordYieldsEveryWordOfTheMeetingTitle() throws IOException {
        List<String> tokens = analyze("tokenizer", "ik_max_word", "昌吉州与中科院举行科技合作座谈会");
        assertTrue(tokens.containsAll(List.of("昌吉州", "中科院", "科技", "合作", "座谈会")), tokens.toString());
    }

    @Test
    void offsetsReturnedByElasticsearchPointAtTheTokenText() throws IOException {
        String text = "本报讯 记者刘辉报道:木垒县新能源产业发展联盟成立";
        JsonNode tokens = analyzeRaw("analyzer", "ik_max_word", text).get("tokens");
        assertTrue(tokens.size() > 5);
        for (JsonNode token : tokens) {
            String covered = text.substring(token.get("start_offset").asInt(), token.get("end_offset").asInt());
            assertEquals(covered, token.get("token").asText());
        }
    }

    private List<String> analyze(String kind, String name, String text) throws IOException {
        List<String> tokens = new ArrayList<>();
        analyzeRaw(kind, name, text).get("tokens").forEach(token -> tokens.add(token.get("token").asText()));
        return tokens;
    }

    private JsonNode analyzeRaw(String kind, String name, String text) throws IOException {
        Request request = new Request("POST", "/_analyze");
        request.setJsonEntity(json.writeValueAsString(java.util.Map.of(kind, name, "text", text)));
        Response response = elasticsearch.performRequest(request);
        return json.readTree(response.getEntity().getContent());
    }
}
