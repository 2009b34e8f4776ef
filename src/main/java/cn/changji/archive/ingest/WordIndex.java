package cn.changji.archive.ingest;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fixed list of words found in a text in one pass: at each character, only the words that begin with it are
 * compared. An import tags every article with dozens of words; this is several times cheaper than a regex
 * alternation or one {@code contains} per word (ingest benchmark's service profile).
 */
final class WordIndex {
    /** A word of the list and where it begins in the text. */
    record Found(int start, String word) {
        int end() {
            return start + word.length();
        }
    }

    private final BitSet firstChars = new BitSet(Character.MAX_VALUE + 1);
    private final Map<Character, List<String>> byFirstChar = new HashMap<>();

    /** @param words in the order of preference where several begin at one character (longest first, usually) */
    WordIndex(List<String> words) {
        for (String word : words) {
            firstChars.set(word.charAt(0));
            byFirstChar.computeIfAbsent(word.charAt(0), c -> new ArrayList<>()).add(word);
        }
    }

    /** The first word beginning at or after {@code from}, the first in list order of those beginning there; or null. */
    Found next(String text, int from) {
        for (int at = from; at < text.length(); at++) {
            for (String word : beginningWith(text.charAt(at))) {
                if (text.startsWith(word, at)) {
                    return new Found(at, word);
                }
            }
        }
        return null;
    }

    /** Every word of the list that occurs in the text. */
    Set<String> occurring(String text) {
        Set<String> found = new HashSet<>();
        for (int at = 0; at < text.length(); at++) {
            for (String word : beginningWith(text.charAt(at))) {
                if (text.startsWith(word, at)) {
                    found.add(word);
                }
            }
        }
        return found;
    }

    /** The bit set answers for most characters, which begin no word, without boxing them for the map. */
    private List<String> beginningWith(char c) {
        return firstChars.get(c) ? byFirstChar.get(c) : List.of();
    }
}
