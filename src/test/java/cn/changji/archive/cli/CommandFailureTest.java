package cn.changji.archive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.changji.archive.index.ElasticsearchJson;

class CommandFailureTest {
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);

    private int report(Exception failure) {
        return CommandFailure.report(err, "vectors", failure, "; run it again.", "stopped: ", ImportCommand.INTERNAL_ERROR);
    }

    private String said() {
        return stderr.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void anUnreachableElasticsearchIsWorthRetrying() {
        assertEquals(ImportCommand.UNAVAILABLE, report(new ConnectException("Connection refused")));
        assertEquals("vectors: Elasticsearch is unavailable (ConnectException: Connection refused); run it again.", said());
    }

    @Test
    void refusedCredentialsAreTheOperatorsToFix() throws Exception {
        var refusal = ElasticsearchJson.failure(401, new ObjectMapper().readTree(
            "{\"error\":{\"type\":\"security_exception\",\"reason\":\"unable to authenticate\"},\"status\":401}"));
        assertEquals(ImportCommand.REFUSED, report(refusal));
        assertEquals(true, said().startsWith("vectors: Elasticsearch refused the service's credentials (401)"), said());
    }

    @Test
    void anyOtherFailureExitsWithTheCommandsStatus() throws Exception {
        var refusal = ElasticsearchJson.failure(400, new ObjectMapper().readTree(
            "{\"error\":{\"type\":\"illegal_argument_exception\",\"reason\":\"bad mapping\"},\"status\":400}"));
        assertEquals(ImportCommand.INTERNAL_ERROR, report(refusal));
        assertEquals(true, said().startsWith("vectors: stopped: "), said());
    }
}
