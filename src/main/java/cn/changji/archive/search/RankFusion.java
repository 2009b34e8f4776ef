package cn.changji.archive.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hybrid search's ranking: reciprocal rank fusion of the words' best hits and the nearest articles by meaning. Each
 * article scores 1 / ({@value #K} + rank) in each ranking it is in, summed; ties go to the better rank by words. The
 * fused hits are the top of the answer; the words' hits below the window follow in their own order, without those
 * already shown, so every article the words match is still a hit.
 */
final class RankFusion {
    /** RRF's constant (Cormack et al., 2009): dampens the weight of the very first ranks. */
    static final int K = 60;

    /** A hit found by meaning, and whether the words match it too. */
    record Near(SearchAnswer.Hit hit, boolean matchesWords) {}

    /**
     * @param hits          the fused ranking, its score the fused score
     * @param meaningOnly   those of them the words do not match: the answer's total is the words' total plus these
     * @param shownBelow    articles in the fused ranking that the words match below their window: the words' later
     *                      hits leave them out
     */
    record Fused(List<SearchAnswer.Hit> hits, List<SearchAnswer.Hit> meaningOnly, List<String> shownBelow) {}

    private RankFusion() {}

    static Fused fuse(List<SearchAnswer.Hit> byWords, List<Near> byMeaning) {
        Map<String, SearchAnswer.Hit> hits = new LinkedHashMap<>();
        Map<String, Double> scores = new HashMap<>();
        Map<String, Integer> wordRanks = new HashMap<>();
        for (int i = 0; i < byWords.size(); i++) {
            SearchAnswer.Hit hit = byWords.get(i);
            hits.putIfAbsent(hit.id(), hit);
            scores.merge(hit.id(), score(i + 1), Double::sum);
            wordRanks.putIfAbsent(hit.id(), i + 1);
        }
        List<SearchAnswer.Hit> meaningOnly = new ArrayList<>();
        List<String> shownBelow = new ArrayList<>();
        for (int i = 0; i < byMeaning.size(); i++) {
            Near near = byMeaning.get(i);
            String id = near.hit().id();
            if (!hits.containsKey(id)) {
                // a neighbour's hit carries the fields its facets count (the words' hits are ids alone)
                hits.put(id, near.hit());
                if (near.matchesWords()) {
                    shownBelow.add(id);
                } else {
                    meaningOnly.add(near.hit());
                }
            }
            scores.merge(id, score(i + 1), Double::sum);
        }
        List<SearchAnswer.Hit> fused = new ArrayList<>(hits.values());
        fused.sort((a, b) -> {
            int byScore = Double.compare(scores.get(b.id()), scores.get(a.id()));
            return byScore != 0 ? byScore : Integer.compare(wordRanks.getOrDefault(a.id(), Integer.MAX_VALUE),
                wordRanks.getOrDefault(b.id(), Integer.MAX_VALUE));
        });
        fused.replaceAll(hit -> scored(hit, scores.get(hit.id())));
        return new Fused(fused, meaningOnly, shownBelow);
    }

    /** What a hit at this rank (1-based) adds. */
    static double score(int rank) {
        return 1.0 / (K + rank);
    }

    static SearchAnswer.Hit scored(SearchAnswer.Hit hit, double score) {
        return new SearchAnswer.Hit(hit.id(), hit.title(), hit.subtitle(), hit.publishedOn(), hit.authors(), hit.counties(),
            hit.industries(), hit.organizations(), hit.type(), hit.snippet(), Math.round(score * 1e6) / 1e6);
    }
}
