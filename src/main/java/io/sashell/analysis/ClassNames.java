package io.sashell.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Close class names for "did you mean" hints. */
public final class ClassNames {
    private ClassNames() {
    }

    /** Up to {@code max} names nearest to {@code wanted}: same simple name first, then by edit distance. */
    public static List<String> suggest(String wanted, List<String> names, int max) {
        String w = wanted.toLowerCase(Locale.ROOT);
        String wSimple = simple(w);
        record Scored(String name, int score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String n : names) {
            String l = n.toLowerCase(Locale.ROOT);
            int score;
            if (simple(l).equals(wSimple)) {
                score = 0;
            } else if (l.contains(w)) {
                score = 1;
            } else {
                int d = distance(simple(l), wSimple);
                if (d > Math.max(2, wSimple.length() / 3)) {
                    continue;
                }
                score = 2 + d;
            }
            scored.add(new Scored(n, score));
        }
        scored.sort(Comparator.comparingInt(Scored::score).thenComparing(Scored::name));
        // Typos: only the closest names; exact simple names and substrings: all of them.
        int cutoff = scored.isEmpty() ? 0 : Math.max(1, scored.get(0).score());
        return scored.stream().filter(s -> s.score() <= cutoff).map(Scored::name).distinct().limit(max).toList();
    }

    private static String simple(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    /** Levenshtein distance. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
