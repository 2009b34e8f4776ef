package cn.changji.archive.index;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.changji.archive.config.IndexConfig;
import jakarta.inject.Singleton;

/**
 * The versioned articles index: its name and its settings and mapping (a JSON resource). A mapping change that
 * existing documents cannot take gets a new version, a new index, and an alias swap.
 */
@Singleton
public class IndexDefinition {
    static final int VERSION = 3;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final IndexConfig config;

    IndexDefinition(IndexConfig config) {
        this.config = config;
    }

    public String alias() {
        return config.alias();
    }

    public String indexName() {
        return config.alias() + "-v" + VERSION;
    }

    /** The mapping alone, as put-mapping takes it. */
    InputStream mappings() throws IOException {
        try (InputStream json = settingsAndMappings()) {
            return new ByteArrayInputStream(MAPPER.writeValueAsBytes(MAPPER.readTree(json).path("mappings")));
        }
    }

    InputStream settingsAndMappings() {
        InputStream json = IndexDefinition.class.getResourceAsStream("/index/articles-v" + VERSION + ".json");
        if (json == null) {
            throw new IllegalStateException("index/articles-v" + VERSION + ".json missing from the service's resources");
        }
        return json;
    }
}
