package cn.changji.archive.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.changji.archive.failure.ArchiveException;

/**
 * Where a cursor walk stands: the point in time it reads (a fixed view of the index, so concurrent indexing
 * neither repeats nor skips hits), the sort values of the last hit given and the total its first page counted
 * (the same for the whole walk; -1 before it is counted). Opaque to clients: base64url JSON.
 */
record Cursor(String pit, ArrayNode after, long total) {
    private static final ObjectMapper JSON = new ObjectMapper();

    String encode() {
        ObjectNode node = JSON.createObjectNode().put("pit", pit).put("total", total);
        node.set("after", after);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String token) {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(token));
            if (node != null && node.path("pit").isTextual() && node.path("after").isArray() && node.path("total").canConvertToLong()) {
                return new Cursor(node.get("pit").textValue(), (ArrayNode) node.get("after"), node.get("total").asLong());
            }
        } catch (IllegalArgumentException | java.io.IOException e) {
            // reported below
        }
        throw ArchiveException.invalid("Query parameter 'cursor' is not a cursor this service gave out; start a "
            + "cursor walk with cursor=* and pass each answer's nextCursor.");
    }
}
