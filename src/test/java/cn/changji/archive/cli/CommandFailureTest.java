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

    /** Elasticsearch's refusal with this status and error. */
    private static Exception refusal(int status, String type, String reason) throws Exception {
        return ElasticsearchJson.failure(status, new ObjectMapper().readTree("{\"error\":{\"type\":\"" + type
            + "\",\"reason\":\"" + reason + "\"},\"status\":" + status + "}"));
    }

    @Test
    void refusedCredentialsAreTheOperatorsToFix() throws Exception {
        assertEquals(ImportCommand.REFUSED, report(refusal(401, "security_exception", "unable to authenticate")));
        assertEquals(true, said().startsWith("vectors: Elasticsearch refused the service's credentials (401)"), said());
    }

    @Test
    void anyOtherFailureExitsWithTheCommandsStatus() throws Exception {
        assertEquals(ImportCommand.INTERNAL_ERROR, report(refusal(400, "illegal_argument_exception", "bad mapping")));
        assertEquals(true, said().startsWith("vectors: stopped: "), said());
    }
}
