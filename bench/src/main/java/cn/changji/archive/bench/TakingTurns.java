package cn.changji.archive.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How the ways of a search benchmark share a concurrency: each cell in slices that take turns with those of the
 * other ways, so that what drifts in Elasticsearch meanwhile (merges, collections, the caches) falls on all of them
 * alike (one cell after the other, the first of them took it all).
 */
final class TakingTurns {
    /** How many turns the ways take at each concurrency. */
    private static final int SLICES = 4;
    /**
     * How many times as long a cell runs at concurrency 1: it answers about an eighth of the searches of a cell at 8,
     * and its p99 would rest on the dozen slowest of some 1,200 (at a million articles, 20 s cells: the p99 overhead
     * read 3.4 ms in one run and 6.1 in the next, where the floor, which only passes bytes, read 7.8).
     */
    private static final int LONE_CELL_TIMES = 3;

    private TakingTurns() {}

    /** How the ways named {@code names} take turns, in words for the results. */
    static String described(List<String> names) {
        List<String> second = turn(names, 1);
        return "in " + SLICES + " slices taking turns with those of the other ways (at concurrency 1, where a cell answers the "
            + "fewest searches, " + LONE_CELL_TIMES + " times as long, in " + SLICES * LONE_CELL_TIMES + " slices, so that "
            + "its p99 rests on more of them), in an order that moves on by one each round (" + String.join(", ", names)
            + "; then " + String.join(", ", second) + ")";
    }

    /** Each way's cell at {@code concurrency}: {@code cell} long in all (three times that at 1), its slices taking turns. */
    static Map<SearchBench.Way, SearchBench.Cell> run(SearchBench search, List<SearchBench.Way> ways, int concurrency,
                                                      Duration cell) throws Exception {
        int slices = concurrency == 1 ? SLICES * LONE_CELL_TIMES : SLICES;
        Duration slice = cell.dividedBy(SLICES);
        BenchMain.log("search at concurrency %d: %d slices of %d ms per way, taking turns", concurrency, slices, slice.toMillis());
        Map<SearchBench.Way, SearchBench.Cell> sliced = new EnumMap<>(SearchBench.Way.class);
        for (int round = 0; round < slices; round++) {
            for (SearchBench.Way way : turn(ways, round)) {
                sliced.merge(way, search.run(way, concurrency, slice), SearchBench.Cell::plus);
            }
        }
        return sliced;
    }

    /**
     * The ways in the order of round {@code round}: the list turned left by the round, so that over as many rounds as
     * ways each way runs once in each place. In a fixed order the service always came after the same way; at
     * concurrency 32 Elasticsearch then used 7 % more CPU per search in the service's slices than for the identical
     * direct requests, in two runs, where the service and the floor taking turns by hand differed by -7 to +3 %.
     */
    private static <T> List<T> turn(List<T> ways, int round) {
        List<T> turned = new ArrayList<>(ways);
        Collections.rotate(turned, -(round % ways.size()));
        return turned;
    }
}
