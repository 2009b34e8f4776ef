package cn.changji.archive.export;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Links to the search page's views, from the address the service is reached at (e.g. https://archive.example/). */
public record Permalinks(String base) {

    public Permalinks {
        base = base.endsWith("/") ? base : base + "/";
    }

    /** The article's page. */
    public String article(String id) {
        return base + "?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    /** The search page showing the results of a query string (without its leading '?'). */
    public String search(String query) {
        return query == null || query.isEmpty() ? base : base + "?" + query;
    }
}
