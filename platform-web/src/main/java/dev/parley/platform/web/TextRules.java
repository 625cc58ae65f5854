package dev.parley.platform.web;

/**
 * What text a request may carry (issue #14). Every string of every request: no control characters but tab, line
 * feed and carriage return, and no lone surrogate (PostgreSQL refuses {@code U+0000} outright, the rest only
 * corrupt what others see). A name (a display name, a room name) is what people read as a name: letters, marks,
 * digits, punctuation, symbols and spaces, without format characters (bidirectional overrides, zero-width joiners
 * outside emoji), line breaks, private-use or unassigned code points.
 */
public final class TextRules {

    private TextRules() {
    }

    /** Whether a request string holds a control character (other than tab, LF, CR) or a lone surrogate. */
    public static boolean hasForbiddenCharacter(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int type = Character.getType(cp);
            if ((type == Character.CONTROL && cp != '\t' && cp != '\n' && cp != '\r') || type == Character.SURROGATE) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    /** Whether any character at all is a control character (query parameters, path segments: not even tabs). */
    public static boolean hasAnyControl(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.SURROGATE) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    /** Whether a string is made of what a name is made of (see the class comment); null and empty are names. */
    public static boolean isName(String s) {
        if (s == null) {
            return true;
        }
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            switch (Character.getType(cp)) {
                case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.UNASSIGNED,
                        Character.SURROGATE, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> {
                    return false;
                }
                default -> {
                    if (Character.isWhitespace(cp) && cp != ' ') {
                        return false;
                    }
                }
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    public static final String FORBIDDEN = "Must not contain control characters";
}
