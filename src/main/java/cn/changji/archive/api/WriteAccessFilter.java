package cn.changji.archive.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import cn.changji.archive.config.IngestConfig;
import cn.changji.archive.config.SearchConfig;
import cn.changji.archive.config.WriteAccessConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Every request that changes the archive (POST, PUT, DELETE under /api/) needs a write key; reads never do. Also
 * refuses bodies over the endpoint's limit from their Content-Length, before reading them. Keys are never logged.
 */
public class WriteAccessFilter {
    static final String API_KEY_HEADER = "X-API-Key";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final WriteAccessConfig access;
    private final IngestConfig ingest;
    private final SearchConfig search;

    WriteAccessFilter(WriteAccessConfig access, IngestConfig ingest, SearchConfig search) {
        this.access = access;
        this.ingest = ingest;
        this.search = search;
    }

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (READS.contains(request.getMethod()) || !path.startsWith("/api/")) {
            return;
        }
        authorize(request);
        long limit = path.startsWith("/api/v1/synonyms") ? search.synonymsMaxSize().asLongValue() : ingest.maxFileSize().asLongValue();
        int length = request.getLength();
        if (length > limit) {
            String file = request.getUriInfo().getQueryParameters().getFirst("filename");
            throw new ProblemException(413, (file == null ? "The request body" : "The file '" + file + "'") + " has "
                + length + " bytes; " + path + " takes at most " + limit + ".");
        }
    }

    private void authorize(ContainerRequestContext request) {
        List<String> keys = access.apiKeys().orElse(List.of()).stream().filter(k -> !k.isBlank()).toList();
        if (keys.isEmpty()) {
            throw new ProblemException(403, "Writes are disabled on this service: no write key is configured "
                + "(set ARCHIVE_WRITE_API_KEY).");
        }
        String presented = request.getHeaderString(API_KEY_HEADER);
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if ((presented == null || presented.isBlank()) && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).strip();
        }
        if (presented == null || presented.isBlank()) {
            throw new ProblemException(401, "This request changes the archive: send the write key as the X-API-Key "
                + "header (or Authorization: Bearer <key>).");
        }
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        boolean known = false;
        for (String key : keys) {
            known |= MessageDigest.isEqual(given, key.strip().getBytes(StandardCharsets.UTF_8));
        }
        if (!known) {
            throw new ProblemException(403, "The write key sent is not valid for this service.");
        }
    }
}
