package cn.changji.archive.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** Who may write: imports, article writes and deletes, synonym updates. Searches stay open. */
@ConfigMapping(prefix = "archive.write")
public interface WriteAccessConfig {

    /**
     * Keys that allow writes (ARCHIVE_WRITE_API_KEY; several, comma-separated, while rotating). Sent as
     * {@code X-API-Key: <key>} or {@code Authorization: Bearer <key>}. Without any, every write is refused.
     */
    @WithName("api-key")
    Optional<List<String>> apiKeys();
}
