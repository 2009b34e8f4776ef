package cn.changji.archive.search;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Hybrid search's facet counts: the words' counts, plus the hits that meaning alone found (which the words do not
 * match, so none is counted twice), counted from their own fields. Those hits were found under every filter, so they
 * count under every filter, where the words' hits count under all but their facet's own.
 */
final class HybridFacets {
    private HybridFacets() {}

    static SearchAnswer.Facets plus(SearchAnswer.Facets counted, List<SearchAnswer.Hit> meaningOnly) {
        if (counted == null || meaningOnly.isEmpty()) {
            return counted;
        }
        return new SearchAnswer.Facets(
            plus(counted.county(), meaningOnly, SearchAnswer.Hit::counties, Facet.COUNTY),
            plus(counted.industry(), meaningOnly, SearchAnswer.Hit::industries, Facet.INDUSTRY),
            plus(counted.organization(), meaningOnly, SearchAnswer.Hit::organizations, Facet.ORGANIZATION),
            plus(counted.author(), meaningOnly, SearchAnswer.Hit::authors, Facet.AUTHOR),
            plus(counted.type(), meaningOnly, hit -> hit.type() == null ? List.of() : List.of(hit.type()), Facet.TYPE),
            plus(counted.month(), meaningOnly,
                hit -> hit.publishedOn() == null ? List.of() : List.of(hit.publishedOn().toString().substring(0, 7)), Facet.MONTH));
    }

    private static List<SearchAnswer.FacetValue> plus(List<SearchAnswer.FacetValue> counted, List<SearchAnswer.Hit> hits,
                                                      Function<SearchAnswer.Hit, List<String>> values, Facet facet) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counted.forEach(value -> counts.put(value.value(), value.count()));
        for (SearchAnswer.Hit hit : hits) {
            values.apply(hit).stream().distinct().forEach(value -> counts.merge(value, 1L, Long::sum));
        }
        // as Elasticsearch orders them: months newest first, other values by count, then by value
        Comparator<Map.Entry<String, Long>> order = facet == Facet.MONTH
            ? Map.Entry.<String, Long>comparingByKey().reversed()
            : Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());
        Stream<Map.Entry<String, Long>> sorted = counts.entrySet().stream().sorted(order);
        if (facet.size() > 0) {
            sorted = sorted.limit(facet.size());
        }
        return sorted.map(entry -> new SearchAnswer.FacetValue(entry.getKey(), entry.getValue())).toList();
    }
}
