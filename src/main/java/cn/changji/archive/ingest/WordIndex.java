package cn.changji.archive.ingest;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fixed list of words found in a text in one pass: at each character, only the words that begin with it are
 * compared. An import tags every article with dozens of words; this is several times cheaper than a regex
 * alternation or one {@code contains} per word (ingest benchmark's service profile). The words are kept by their
 * first character in an open-addressing table of chars: a map keyed by {@code Character} boxed every common
 * character of every article and was a quarter of the tagger's time.
 */
final class WordIndex {
    private static final String[] NONE = {};

    /** A word of the list and where it begins in the text. */
    record Found(int start, String word) {
        int end() {
            return start + word.length();
        }
    }

    private final BitSet firstChars = new BitSet(Character.MAX_VALUE + 1);
    private final char[] keys;
    private final String[][] byKey;
    private final int mask;

    /** @param words in the order of preference where several begin at one character (longest first, usually) */
    WordIndex(List<String> words) {
        Map<Character, List<String>> byFirstChar = new LinkedHashMap<>();
        for (String word : words) {
            firstChars.set(word.charAt(0));
            byFirstChar.computeIfAbsent(word.charAt(0), c -> new ArrayList<>()).add(word);
        }
        int size = Integer.highestOneBit(Math.max(1, byFirstChar.size()) * 2) * 2; // at most half full
        keys = new char[size];
        byKey = new String[size][];
        mask = size - 1;
        byFirstChar.forEach((c, list) -> {
            int slot = slot(c);
            while (byKey[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = c;
            byKey[slot] = list.toArray(String[]::new);
        });
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

    /** Where the last occurrence of any word of the list ends in the text (the latest end), or 0 if none occurs. */
    int lastEnd(String text) {
        int end = 0;
        for (int at = 0; at < text.length(); at++) {
            for (String word : beginningWith(text.charAt(at))) {
                if (text.startsWith(word, at)) {
                    end = Math.max(end, at + word.length());
                }
            }
        }
        return end;
    }

    /** The bit set answers for most characters, which begin no word; a character it holds is in the table. */
    private String[] beginningWith(char c) {
        if (!firstChars.get(c)) {
            return NONE;
        }
        int slot = slot(c);
        while (keys[slot] != c || byKey[slot] == null) {
            slot = (slot + 1) & mask;
        }
        return byKey[slot];
    }

    private int slot(char c) {
        return (c * 0x9E3779B1) >>> 16 & mask;
    }
}
