package cn.changji.archive.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class HybridFacetsTest {
    private static final SearchAnswer.Facets WORDS = new SearchAnswer.Facets(
        List.of(new SearchAnswer.FacetValue("奇台县", 2), new SearchAnswer.FacetValue("阜康市", 1)), List.of(), List.of(), List.of(),
        List.of(new SearchAnswer.FacetValue("news", 3)), List.of(new SearchAnswer.FacetValue("2024-05", 3)));

    private static SearchAnswer.Hit near(String county, String date) {
        return new SearchAnswer.Hit("n-" + county + date, "t", null, LocalDate.parse(date), List.of(), List.of(county, county),
            List.of("新能源"), List.of(), "feature", "", 0.1);
    }

    @Test
    void hitsMeaningAloneFoundAreCountedOnTopOfTheWords() {
        SearchAnswer.Facets both = HybridFacets.plus(WORDS, List.of(near("阜康市", "2025-01-02"), near("阜康市", "2024-05-09")));
        assertEquals(List.of(new SearchAnswer.FacetValue("阜康市", 3), new SearchAnswer.FacetValue("奇台县", 2)), both.county(),
            "by count, a value once per hit");
        assertEquals(List.of(new SearchAnswer.FacetValue("新能源", 2)), both.industry());
        assertEquals(List.of(new SearchAnswer.FacetValue("news", 3), new SearchAnswer.FacetValue("feature", 2)), both.type());
        assertEquals(List.of(new SearchAnswer.FacetValue("2025-01", 1), new SearchAnswer.FacetValue("2024-05", 4)), both.month(),
            "months newest first");
    }

    @Test
    void withNothingAddedTheWordsCountsStand() {
        assertSame(WORDS, HybridFacets.plus(WORDS, List.of()));
    }
}
