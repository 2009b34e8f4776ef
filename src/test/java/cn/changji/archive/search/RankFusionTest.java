package cn.changji.archive.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class RankFusionTest {

    private static SearchAnswer.Hit hit(String id) {
        return new SearchAnswer.Hit(id, "标题" + id, null, null, List.of(), List.of(), List.of(), List.of(), "news", "", 1.0);
    }

    private static List<String> ids(List<SearchAnswer.Hit> hits) {
        return hits.stream().map(SearchAnswer.Hit::id).toList();
    }

    @Test
    void anArticleBothRankingsFindRisesAboveThoseOnlyOneFinds() {
        RankFusion.Fused fused = RankFusion.fuse(List.of(hit("a"), hit("b"), hit("c")),
            List.of(new RankFusion.Near(hit("x"), false), new RankFusion.Near(hit("c"), true)));
        assertEquals(List.of("c", "a", "x", "b"), ids(fused.hits()), "x ties with a, whose rank by words wins");
        assertEquals(RankFusion.score(3) + RankFusion.score(2), fused.hits().get(0).score(), 1e-6);
        assertEquals(List.of("x"), ids(fused.meaningOnly()), "x is found by meaning only");
        assertTrue(fused.shownBelow().isEmpty());
    }

    @Test
    void tiesGoToTheBetterRankByWords() {
        RankFusion.Fused fused = RankFusion.fuse(List.of(hit("a")), List.of(new RankFusion.Near(hit("x"), false)));
        assertEquals(List.of("a", "x"), ids(fused.hits()));
    }

    @Test
    void aNeighbourTheWordsMatchBelowTheirWindowIsNotCountedTwice() {
        RankFusion.Fused fused = RankFusion.fuse(List.of(hit("a")),
            List.of(new RankFusion.Near(hit("deep"), true), new RankFusion.Near(hit("other"), false)));
        assertEquals(List.of("deep"), fused.shownBelow(), "the words' later hits leave it out");
        assertEquals(List.of("other"), ids(fused.meaningOnly()), "only 'other' adds to the total");
        assertEquals(3, fused.hits().size());
    }

    @Test
    void theWordsHitKeepsItsHighlightWhenBothFindIt() {
        SearchAnswer.Hit byWords = new SearchAnswer.Hit("a", "t", null, null, List.of(), List.of(), List.of(), List.of(), "news",
            "<em>新能源</em>", 2.0);
        SearchAnswer.Hit byMeaning = new SearchAnswer.Hit("a", "t", null, null, List.of(), List.of(), List.of(), List.of(), "news",
            "开头", 0.9);
        RankFusion.Fused fused = RankFusion.fuse(List.of(byWords), List.of(new RankFusion.Near(byMeaning, true)));
        assertEquals("<em>新能源</em>", fused.hits().get(0).snippet());
    }
}
