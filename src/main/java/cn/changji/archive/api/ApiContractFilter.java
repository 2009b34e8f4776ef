package cn.changji.archive.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Documents, in one place, the answers every operation can get from the layers around the resources: the write key
 * (401, 403, and 413 from the declared length) on writes, the read limit (429) on reads, request lines over the
 * limit (414) everywhere, Elasticsearch unavailable (503) wherever the operation reaches it; with the security
 * schemes Swagger UI's Authorize button uses. The resources document what only they answer.
 */
public class ApiContractFilter implements OASFilter {
    public static final String WRITE_KEY = "writeKey";
    public static final String BEARER = "bearerKey";

    /** Operations that never reach Elasticsearch (the synonyms in force are held in memory). */
    private static final Set<String> WITHOUT_ELASTICSEARCH = Set.of("GET /api/v1/synonyms");

    /** In status order, so every replica serves the same document. */
    private static final Map<String, String> SHARED = new TreeMap<>(Map.ofEntries(
        Map.entry("401", "No write key sent (X-API-Key or Authorization: Bearer)"),
        Map.entry("403", "The write key is not valid, or the service has none configured"),
        Map.entry("413", "The request body is over the endpoint's limit"),
        Map.entry("406", "The Accept header names no media type this operation answers with"),
        Map.entry("414", "The request line is too long (the query over its limit)"),
        Map.entry("431", "The request headers are too large"),
        Map.entry("429", "Too many reads from this client; retry after Retry-After seconds"),
        Map.entry("503", "Elasticsearch is unavailable, too slow, or the index is missing; retry after Retry-After seconds")));

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getInfo() != null) {
            api.getInfo().license(OASFactory.createLicense().name("Proprietary").identifier("LicenseRef-Proprietary"));
        }
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
        components.addSecurityScheme(WRITE_KEY, OASFactory.createSecurityScheme()
            .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-Key")
            .description("The write key (ARCHIVE_WRITE_API_KEY); needed by every request that changes the archive"));
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme()
            .type(SecurityScheme.Type.HTTP).scheme("bearer")
            .description("The same write key as a bearer token"));
        components.addHeader("Retry-After", OASFactory.createHeader()
            .description("Seconds to wait before retrying").required(true)
            .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ONE)));
        SHARED.forEach((status, description) -> components.addResponse(responseName(status), problem(description,
            status.equals("429") || status.equals("503"))));

        Schema problem = components.getSchemas() == null ? null : components.getSchemas().get("Problem");
        if (problem != null && problem.getProperties() != null && problem.getProperties().containsKey("errors")) {
            problem.getProperties().get("errors").items(OASFactory.createSchema()
                .addOneOf(OASFactory.createSchema().ref("#/components/schemas/RejectedRecord"))
                .addOneOf(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        }
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.getOperations().forEach((method, operation) -> document(path, method, operation));
            }
        });
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation) {
        boolean read = method == PathItem.HttpMethod.GET || method == PathItem.HttpMethod.HEAD;
        if (read) {
            operation.setSecurity(List.of());
            shared(operation, "429");
        } else {
            operation.setSecurity(List.of(
                OASFactory.createSecurityRequirement().addScheme(WRITE_KEY),
                OASFactory.createSecurityRequirement().addScheme(BEARER)));
            shared(operation, "401");
            shared(operation, "403");
            if (method != PathItem.HttpMethod.DELETE) {
                shared(operation, "413");
            }
        }
        boolean answersWithContent = operation.getResponses().getAPIResponses().entrySet().stream()
            .anyMatch(answer -> answer.getKey().startsWith("2") && answer.getValue().getContent() != null);
        if (answersWithContent) {
            shared(operation, "406");
        }
        shared(operation, "414");
        shared(operation, "431");
        if (!WITHOUT_ELASTICSEARCH.contains(method + " " + path)) {
            shared(operation, "503");
        }
    }

    private static void shared(Operation operation, String status) {
        if (operation.getResponses().getAPIResponse(status) == null) {
            operation.getResponses().addAPIResponse(status,
                OASFactory.createAPIResponse().ref("#/components/responses/" + responseName(status)));
        }
    }

    private static APIResponse problem(String description, boolean retryAfter) {
        APIResponse response = OASFactory.createAPIResponse().description(description)
            .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"))));
        if (retryAfter) {
            Header header = OASFactory.createHeader().ref("#/components/headers/Retry-After");
            response.addHeader("Retry-After", header);
        }
        return response;
    }

    private static String responseName(String status) {
        return "Problem" + status;
    }
}
