package io.sashell.redact;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The classes whose contents {@code --keep} keeps, as glob patterns over class names as the histogram spells
 * them ({@code java.lang.Thread}, {@code com.example.*}, {@code char[]}); {@code *} matches any characters. A
 * class is kept when its own name or a superclass's matches.
 */
public record KeepRule(List<String> patterns) {
    public KeepRule {
        patterns = List.copyOf(patterns);
    }

    public static KeepRule none() {
        return new KeepRule(List.of());
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    public boolean keeps(String className) {
        for (String p : patterns) {
            if (toRegex(p).matcher(className).matches()) {
                return true;
            }
        }
        return false;
    }

    static Pattern toRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (sb.length() > 0) {
                sb.append(".*");
            }
            sb.append(Pattern.quote(part));
        }
        return Pattern.compile(sb.toString());
    }
}
