package cn.changji.archive.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import cn.changji.archive.failure.ArchiveException;

/**
 * What a journalist typed, understood: words that must all match (a group of words joined by OR counts as one),
 * exact phrases in quotes ("…" or “…”), and words or phrases to exclude with a leading minus. Nothing of it ever
 * reaches Elasticsearch as query syntax: each term becomes a match or phrase query on its own.
 */
public record UserQuery(List<List<Term>> required, List<Term> excluded) {
    public static final int MAX_LENGTH = 500;
    public static final int MAX_TERMS = 32;

    /** A word (analysed by IK, and matched verbatim too) or a phrase (matched verbatim only). */
    public record Term(String text, boolean phrase) {}

    public boolean isEmpty() {
        return required.isEmpty() && excluded.isEmpty();
    }

    /** Every term that must or may match, for highlighting. */
    public List<Term> positiveTerms() {
        List<Term> terms = new ArrayList<>();
        for (List<Term> group : required) {
            terms.addAll(group);
        }
        return Collections.unmodifiableList(terms);
    }

    public static UserQuery parse(String q) {
        if (q == null || q.isBlank()) {
            return new UserQuery(List.of(), List.of());
        }
        if (q.length() > MAX_LENGTH) {
            throw ArchiveException.invalid("The query has " + q.length() + " characters; at most " + MAX_LENGTH + " are allowed.");
        }
        List<List<Term>> required = new ArrayList<>();
        List<Term> excluded = new ArrayList<>();
        boolean joinNext = false;
        int count = 0;
        for (Token token : tokens(q)) {
            if (!token.quoted() && token.text().equals("OR")) {
                joinNext = !required.isEmpty();
                continue;
            }
            Term term = new Term(token.text(), token.quoted());
            if (++count > MAX_TERMS) {
                throw ArchiveException.invalid("The query has more than " + MAX_TERMS + " words and phrases; shorten it.");
            }
            if (token.negated()) {
                excluded.add(term);
            } else if (joinNext) {
                required.get(required.size() - 1).add(term);
            } else {
                required.add(new ArrayList<>(List.of(term)));
            }
            joinNext = false;
        }
        required.replaceAll(List::copyOf);
        return new UserQuery(List.copyOf(required), List.copyOf(excluded));
    }

    private record Token(String text, boolean quoted, boolean negated) {}

    private static List<Token> tokens(String q) {
        List<Token> tokens = new ArrayList<>();
        String text = q.replace('\u3000', ' ');
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean negated = (c == '-' || c == '－') && i + 1 < text.length() && !Character.isWhitespace(text.charAt(i + 1));
            int start = negated ? i + 1 : i;
            char open = text.charAt(start);
            if (open == '"' || open == '“' || open == '＂') {
                char close = open == '“' ? '”' : open;
                int end = text.indexOf(close, start + 1);
                if (open == '"' && end < 0) {
                    end = text.indexOf('”', start + 1);
                }
                int stop = end < 0 ? text.length() : end;
                String phrase = text.substring(start + 1, stop).strip();
                if (!phrase.isEmpty()) {
                    tokens.add(new Token(phrase, true, negated));
                }
                i = stop + 1;
            } else {
                int end = start;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                String word = text.substring(start, end);
                if (!word.isEmpty() && !(negated && word.isBlank())) {
                    tokens.add(new Token(word, false, negated));
                }
                i = end;
            }
        }
        return tokens;
    }
}
