package cn.changji.archive.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.restassured.response.Response;

/**
 * The service's own OpenAPI document, as served at /q/openapi, used as the judge of real answers: each answer's
 * status must be documented for its operation, its content type must be one the document names, its body must
 * validate (JSON Schema 2020-12, formats asserted) against the documented schema, and its required headers must be
 * there. Records which (operation, status) pairs were seen, so a test can prove every documented status was reached.
 */
public final class ApiContract {
    private static final String BASE = "https://contract.test/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final Set<String> covered = new TreeSet<>();

    private ApiContract(String text) throws IOException {
        this.document = JSON.readTree(text);
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(BASE, text))));
        this.config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    }

    /** The document the running service serves. */
    public static ApiContract served() {
        String text = given().accept("application/json").when().get("/q/openapi?format=json")
            .then().statusCode(200).extract().asString();
        try {
            return new ApiContract(text);
        } catch (IOException e) {
            throw new AssertionError("the served OpenAPI document is not JSON", e);
        }
    }

    public JsonNode document() {
        return document;
    }

    /** Every "operationId status" pair the document promises, optionally only those whose status passes. */
    public Set<String> documented(Predicate<String> status) {
        Set<String> pairs = new TreeSet<>();
        forEachOperation((path, method, operation) -> operation.path("responses").fieldNames().forEachRemaining(code -> {
            if (status.test(code)) {
                pairs.add(operation.path("operationId").asText() + " " + code);
            }
        }));
        return pairs;
    }

    public Set<String> covered() {
        return covered;
    }

    /** The operations as (path template, lower-case method). */
    public List<String[]> operations() {
        List<String[]> operations = new ArrayList<>();
        forEachOperation((path, method, operation) -> operations.add(new String[] { path, method }));
        return operations;
    }

    public JsonNode operation(String path, String method) {
        JsonNode operation = document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        assertTrue(operation.isObject(), "the document has no operation " + method + " " + path);
        return operation;
    }

    /** Judges one real answer of {@code method path} (path as templated in the document); gives it back. */
    public Response check(String method, String path, Response answer) {
        JsonNode operation = operation(path, method);
        String status = String.valueOf(answer.statusCode());
        String name = operation.path("operationId").asText() + " " + status;
        JsonNode documented = resolve(operation.path("responses").path(status));
        if (documented.isMissingNode()) {
            fail(name + ": status " + status + " is not documented for " + method + " " + path + "; body: " + answer.asString());
        }
        checkHeaders(name, documented, answer);
        JsonNode content = documented.path("content");
        byte[] body = answer.asByteArray();
        if (content.isMissingNode() || content.isEmpty()) {
            assertEquals(0, body.length, name + ": documented without a body, answered " + answer.asString());
        } else {
            String mediaType = baseType(answer.contentType());
            JsonNode media = content.path(mediaType);
            if (media.isMissingNode()) {
                fail(name + ": content type " + answer.contentType() + " is not among the documented " + names(content));
            }
            if (isJson(mediaType) && media.has("schema")) {
                validate(name, media.get("schema"), body);
            }
        }
        covered.add(name);
        return answer;
    }

    /** Every example in the document, of a schema or a parameter, against its own schema: the failures. */
    public List<String> invalidExamples() {
        List<String> failures = new ArrayList<>();
        findExamples(document, "#", failures);
        return failures;
    }

    private void findExamples(JsonNode node, String where, List<String> failures) {
        if (node.isObject()) {
            JsonNode examples = node.get("examples");
            boolean isSchema = node.has("type") || node.has("$ref") || node.has("anyOf") || node.has("oneOf");
            if (isSchema && examples != null && examples.isArray() && !where.endsWith("/properties")) {
                for (JsonNode example : examples) {
                    List<String> errors = errors(node, example);
                    errors.forEach(error -> failures.add(where + ": example " + example + ": " + error));
                }
            }
            if (node.has("example") && node.has("schema") && node.get("schema").isObject()) {
                JsonNode example = node.get("example");
                JsonNode value = exampleValue(node.get("schema"), example);
                errors(node.get("schema"), value).forEach(error -> failures.add(where + ": example " + example + ": " + error));
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                findExamples(field.getValue(), where + "/" + field.getKey(), failures);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findExamples(node.get(i), where + "/" + i, failures);
            }
        }
    }

    /** A parameter's example is written as text; read it as the type its schema says. */
    private static JsonNode exampleValue(JsonNode schema, JsonNode example) {
        if (!example.isTextual()) {
            return example;
        }
        String type = schema.path("type").asText();
        try {
            return switch (type) {
                case "integer", "number", "boolean" -> JSON.readTree(example.asText());
                default -> example;
            };
        } catch (IOException e) {
            return example;
        }
    }

    private void validate(String name, JsonNode schema, byte[] body) {
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(name + ": the body is not JSON: " + new String(body, java.nio.charset.StandardCharsets.UTF_8), e);
        }
        List<String> errors = errors(schema, value);
        assertTrue(errors.isEmpty(), name + ": the body does not match its schema: " + errors + "\nbody: " + value);
    }

    private List<String> errors(JsonNode schema, JsonNode value) {
        JsonSchema compiled = factory.getSchema(absolute(schema), config);
        List<String> errors = new ArrayList<>();
        for (ValidationMessage message : compiled.validate(value)) {
            errors.add(message.getMessage());
        }
        return errors;
    }

    private void checkHeaders(String name, JsonNode documented, Response answer) {
        Iterator<Map.Entry<String, JsonNode>> headers = documented.path("headers").fields();
        while (headers.hasNext()) {
            Map.Entry<String, JsonNode> header = headers.next();
            JsonNode definition = resolve(header.getValue());
            String value = answer.header(header.getKey());
            if (definition.path("required").asBoolean(false)) {
                assertNotNull(value, name + ": the required header " + header.getKey() + " is missing");
            }
            if (value != null && definition.path("schema").path("type").asText().equals("integer")) {
                assertTrue(value.matches("\\d+"), name + ": header " + header.getKey() + " is not an integer: " + value);
            }
        }
    }

    /** A response or header given as a $ref into the components. */
    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : document.at(ref.asText().substring(1));
    }

    /** The schema with its document-relative $refs made absolute, so it validates on its own. */
    private static JsonNode absolute(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        absolutize(copy);
        return copy;
    }

    private static void absolutize(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) {
                object.set("$ref", TextNode.valueOf(BASE + ref.asText()));
            }
            object.elements().forEachRemaining(ApiContract::absolutize);
        } else if (node != null && node.isArray()) {
            node.elements().forEachRemaining(ApiContract::absolutize);
        }
    }

    private interface OperationVisitor {
        void visit(String path, String method, JsonNode operation);
    }

    private void forEachOperation(OperationVisitor visitor) {
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (Set.of("get", "put", "post", "delete", "patch", "head").contains(method.getKey())) {
                visitor.visit(path.getKey(), method.getKey(), method.getValue());
            }
        }));
    }

    private static String baseType(String contentType) {
        return contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static List<String> names(JsonNode content) {
        List<String> names = new ArrayList<>();
        content.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
