package cn.changji.archive.meaning;

/**
 * The text of an article its vector is computed from: the kicker, headline and subtitle, then the opening of the
 * body, {@value #BODY_CHARS} characters of it. A newspaper article says what it is about first; the whole body
 * would cost the model time in proportion (about 17 ms per 120 characters on one core here) and blur the vector.
 * Changing what goes in changes every vector: the index's vectors would then have to be computed again.
 */
public final class VectorText {
    public static final int BODY_CHARS = 256;

    private VectorText() {}

    public static String of(String kicker, String title, String subtitle, String body) {
        StringBuilder text = new StringBuilder(BODY_CHARS + 128);
        for (String line : new String[] { kicker, title, subtitle }) {
            if (line != null && !line.isBlank()) {
                text.append(line.strip()).append('\n');
            }
        }
        if (body != null) {
            String opening = body.strip().replaceAll("\\s*\\n\\s*", "\n");
            int end = Math.min(opening.length(), BODY_CHARS);
            if (end < opening.length() && Character.isHighSurrogate(opening.charAt(end - 1))) {
                end--; // never half of a character outside the basic plane
            }
            text.append(opening, 0, end);
        }
        return text.toString().strip();
    }
}
