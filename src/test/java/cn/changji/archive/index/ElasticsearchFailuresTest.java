package cn.changji.archive.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Elasticsearch's refusals of access, told as what an operator must fix. */
class ElasticsearchFailuresTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aMissingPrivilegeIsNamedAsElasticsearchNamesIt() throws Exception {
        String reason = "action [indices:admin/create] is unauthorized for user [archive-search] with effective roles "
            + "[archive_search] on indices [forbidden-v3]";
        Optional<String> refusal = ElasticsearchFailures.accessRefusal(ElasticsearchJson.failure(403,
            JSON.readTree("{\"error\":{\"type\":\"security_exception\",\"reason\":\"" + reason + "\"},\"status\":403}")));
        assertTrue(refusal.orElseThrow().contains("lacks a privilege") && refusal.get().contains(reason), refusal.get());
    }

    @Test
    void wrongCredentialsNameTheSettingsAndOtherFailuresAreNoRefusal() throws Exception {
        Optional<String> refusal = ElasticsearchFailures.accessRefusal(new RuntimeException("wrapped", ElasticsearchJson.failure(401,
            JSON.readTree("{\"error\":{\"type\":\"security_exception\",\"reason\":\"unable to authenticate user\"},\"status\":401}"))));
        assertTrue(refusal.orElseThrow().contains("ARCHIVE_ELASTICSEARCH_PASSWORD"), refusal.get());
        assertEquals(Optional.empty(), ElasticsearchFailures.accessRefusal(ElasticsearchJson.failure(500, JSON.readTree("{}"))));
    }
}
