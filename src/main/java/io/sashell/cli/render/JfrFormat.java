package io.sashell.cli.render;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times and durations of recordings, for people. */
final class JfrFormat {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private JfrFormat() {
    }

    /** "850 µs", "27.7 ms", "1.52 s", "3 min 10 s", "2 h 5 min". */
    static String duration(long nanos) {
        if (nanos < 0) {
            return "unknown";
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%d µs", nanos / 1000);
        }
        if (nanos < 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        if (nanos < 60_000_000_000L) {
            return String.format(Locale.ROOT, nanos < 10_000_000_000L ? "%.2f s" : "%.1f s", nanos / 1e9);
        }
        long s = nanos / 1_000_000_000L;
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %d s", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%d h %d min", s / 3600, (s % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%d d %d h", s / 86_400, (s % 86_400) / 3600);
    }

    /** Seconds since the recording began, for tables: "+12.92 s". */
    static String offset(long nanos, long startNanos) {
        return String.format(Locale.ROOT, "+%.2f s", (nanos - startNanos) / 1e9);
    }

    /** An axis label: "0 s", "6.8 s", "3.5 min", "2.0 h". */
    static String axis(long nanos) {
        double s = nanos / 1e9;
        if (s == 0) {
            return "0 s";
        }
        if (s < 100) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        if (s < 6000) {
            return String.format(Locale.ROOT, "%.1f min", s / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", s / 3600);
    }

    static String utc(long epochNanos) {
        return UTC.format(Instant.ofEpochSecond(0, epochNanos));
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    static String bytes(long n) {
        return n < 0 ? "unknown" : Units.bytes(n);
    }
}
