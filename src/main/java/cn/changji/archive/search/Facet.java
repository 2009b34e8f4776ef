package cn.changji.archive.search;


import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The facets a search counts and filters by, in the order every request names them: each knows its query
 * parameter, its field, how many values it counts, its aggregation and how its buckets are read. Facets are
 * multi-select: each is counted under every filter but its own.
 */
public enum Facet {
    COUNTY("county", "counties", 20),
    INDUSTRY("industry", "industries", 20),
    ORGANIZATION("organization", "organizations", 20),
    AUTHOR("author", "authors", 30),
    TYPE("type", "type", 10),
    /** Months of publishedOn (yyyy-MM), newest first; filtered by the from / to range. */
    MONTH("month", "publishedOn", 0);

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** The counts inside a facet's filter aggregation. */
    private static final String VALUES = "values";

    private final String parameter;
    private final String field;
    private final int size;

    Facet(String parameter, String field, int size) {
        this.parameter = parameter;
        this.field = field;
        this.size = size;
    }

    /** The query parameter that filters by it, and its name in the answer's facets. */
    public String parameter() {
        return parameter;
    }

    /** How many values it counts (0: every month). */
    int size() {
        return size;
    }

    /** The indexed field it counts. */
    public String field() {
        return field;
    }

    /** Its aggregation, under the filters of every other facet: its counts, inside a filter aggregation. */
    ObjectNode aggregation(ObjectNode otherFilters) {
        ObjectNode aggregation = JSON.objectNode();
        aggregation.set("filter", otherFilters);
        aggregation.putObject("aggs").set(VALUES, counts());
        return aggregation;
    }

    /** Its counts over the whole result. */
    ObjectNode counts() {
        ObjectNode values = JSON.objectNode();
        if (this == MONTH) {
            ObjectNode histogram = values.putObject("date_histogram");
            histogram.put("field", field).put("calendar_interval", "month").put("format", "yyyy-MM").put("min_doc_count", 1);
            histogram.putObject("order").put("_key", "desc");
        } else {
            values.putObject("terms").put("field", field).put("size", size);
        }
        return values;
    }

    /** The facet a query parameter (or an answer's aggregation) names; null for none. */
    static Facet byParameter(String parameter) {
        for (Facet facet : values()) {
            if (facet.parameter.equals(parameter)) {
                return facet;
            }
        }
        return null;
    }
}
