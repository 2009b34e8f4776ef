package cn.changji.archive.ingest;

/** Character-level repairs of text extracted from the paper's PDF pages and of text other systems send. */
public final class ChineseText {
    private ChineseText() {}

    /**
     * The text without control characters (line breaks and tabs aside) and without invisible format characters
     * such as direction marks, zero-width spaces and byte-order marks (the joiners emoji need stay). Such
     * characters cannot be seen, so they can only break searches and displays.
     */
    public static String withoutInvisibles(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean invisible = isInvisible(c);
            if (invisible && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            } else if (!invisible && out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean isInvisible(char c) {
        if ((c >= ' ' && c < '\u007F') || (c >= '\u4E00' && c <= '\u9FFF')) {
            return false; // printable ASCII and the common Han characters, most of every text, without a table lookup
        }
        int type = Character.getType(c);
        if (type == Character.CONTROL) {
            return c != '\n' && c != '\r' && c != '\t';
        }
        return type == Character.FORMAT && c != '\u200C' && c != '\u200D';
    }

    public static boolean isCjk(int c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN
            || (c >= 0x3000 && c <= 0x303F) // CJK punctuation
            || (c >= 0xFF00 && c <= 0xFFEF) // full-width forms
            || c == '“' || c == '”' || c == '‘' || c == '’' || c == '—' || c == '…' || c == '·';
    }

    /**
     * Drops whitespace that PDF extraction put inside Chinese text ("中国式现 代化", "2023 年度"), keeping one space
     * between Latin words or numbers ("CN 65", "OBB TOPCon").
     */
    public static String removeStraySpaces(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (!isSpace(c)) {
                out.append(c);
                i++;
                continue;
            }
            int end = i;
            while (end < n && isSpace(text.charAt(end))) {
                end++;
            }
            if (out.length() > 0 && end < n) {
                char before = out.charAt(out.length() - 1);
                char after = text.charAt(end);
                if (!isCjk(before) && !isCjk(after) && !isSpace(before)) {
                    out.append(' ');
                }
            }
            i = end;
        }
        return out.toString();
    }

    /**
     * For headlines, where a space between two phrases is a deliberate gap ("强信心 起好步"): keeps a single space
     * between runs of two or more characters, drops it when one side is a lone character ("现 代化" stays broken
     * otherwise) or a digit next to Chinese ("2023 年度").
     */
    public static String removeStraySpacesKeepingWordGaps(String text) {
        String[] parts = text.strip().split("[\\s\u3000]+");
        StringBuilder out = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            String before = parts[i - 1];
            String after = parts[i];
            boolean gap = before.length() >= 2 && after.length() >= 2
                && !Character.isDigit(before.charAt(before.length() - 1)) && !Character.isDigit(after.charAt(0))
                && !Character.isDigit(after.charAt(after.length() - 1));
            boolean latin = !isCjk(before.charAt(before.length() - 1)) && !isCjk(after.charAt(0));
            out.append(gap || latin ? " " : "").append(after);
        }
        return out.toString();
    }

    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u3000' || c == '\u00A0';
    }

    /** Whether a paragraph ends a sentence, so the next line starts a new paragraph rather than continuing it. */
    public static boolean endsSentence(String paragraph) {
        String text = paragraph.strip();
        if (text.isEmpty()) {
            return true;
        }
        char last = text.charAt(text.length() - 1);
        if ("。！？!?…；;".indexOf(last) >= 0) {
            return true;
        }
        if ("”’」』)）".indexOf(last) >= 0 && text.length() > 1) {
            char before = text.charAt(text.length() - 2);
            return "。！？!?…".indexOf(before) >= 0;
        }
        return false;
    }

    /** Length in characters, not counting whitespace. */
    public static int visibleLength(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            if (!isSpace(text.charAt(i))) {
                length++;
            }
        }
        return length;
    }

    /** Text with all whitespace and punctuation removed: for comparing paragraphs that differ only by damage. */
    public static String fingerprint(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints()
            .filter(Character::isLetterOrDigit)
            .forEach(out::appendCodePoint);
        return out.toString();
    }
}
