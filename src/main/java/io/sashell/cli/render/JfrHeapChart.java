package io.sashell.cli.render;

import java.util.ArrayList;
import java.util.List;

import io.sashell.jfr.HeapTrend;

/**
 * The heap over time as Unicode blocks: per column (a slice of the recording's time), the lowest heap used
 * after a GC as solid blocks with eighth-block tops (the floor), and the highest heap used before a GC above it
 * as light shade (the peak). A column without a GC keeps the floor of the last one: until the next GC the heap
 * can only be above it. The top of the chart is the maximum heap when the recording gives it.
 */
public final class JfrHeapChart {
    private static final char[] EIGHTHS = {' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};
    private static final char PEAK = '░';
    static final int MIN_COLUMNS = 10;

    private JfrHeapChart() {
    }

    /** The chart's lines, each at most {@code width} characters: {@code rows} lines of bars, the axis, the times. */
    public static List<String> render(HeapTrend t, int width, int rows) {
        long top = t.maxHeapBytes();
        for (HeapTrend.HeapPoint p : t.points()) {
            top = Math.max(top, p.usedBytes());
        }
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < rows; k++) {
            labels.add(label(k, rows, top));
        }
        int labelWidth = Math.max(Units.bytes(0).length(), labels.stream().mapToInt(String::length).max().orElse(0));
        int columns = Math.max(MIN_COLUMNS, width - labelWidth - 2);
        long start = t.startNanos();
        long span = Math.max(1, t.endNanos() - start);
        long[] floor = new long[columns];
        long[] peak = new long[columns];
        java.util.Arrays.fill(floor, -1);
        java.util.Arrays.fill(peak, -1);
        for (HeapTrend.HeapPoint p : t.points()) {
            int c = (int) Math.min(columns - 1, Math.max(0, (p.timeNanos() - start) * columns / span));
            peak[c] = Math.max(peak[c], p.usedBytes());
            if (p.afterGc()) {
                floor[c] = floor[c] < 0 ? p.usedBytes() : Math.min(floor[c], p.usedBytes());
            }
        }
        long carried = -1;
        for (int c = 0; c < columns; c++) {
            if (floor[c] >= 0) {
                carried = floor[c];
            } else {
                floor[c] = carried;
            }
        }
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < rows; k++) {
            int r = rows - 1 - k;
            StringBuilder line = new StringBuilder();
            line.append(pad(labels.get(k), labelWidth)).append(labels.get(k).isEmpty() ? " │" : " ┤");
            for (int c = 0; c < columns; c++) {
                line.append(cell(floor[c], peak[c], top, rows, r));
            }
            lines.add(stripEnd(line.toString()));
        }
        lines.add(pad(Units.bytes(0), labelWidth) + " └" + "─".repeat(columns));
        lines.add(timeAxis(labelWidth + 2, columns, span));
        return lines;
    }

    private static char cell(long floor, long peak, long top, int rows, int r) {
        if (top <= 0) {
            return ' ';
        }
        if (floor >= 0) {
            long eighths = Math.round((double) floor * rows * 8 / top);
            if (eighths >= (r + 1) * 8L) {
                return EIGHTHS[8];
            }
            if (eighths > r * 8L) {
                return EIGHTHS[(int) (eighths - r * 8L)];
            }
        }
        if (peak >= 0 && (double) peak * rows / top >= r + 0.5) {
            return PEAK;
        }
        return ' ';
    }

    /** The top line shows the chart's top; the middle line its value; the others are blank. */
    private static String label(int k, int rows, long top) {
        if (k == 0) {
            return Units.bytes(top);
        }
        if (rows >= 4 && k == rows / 2) {
            return Units.bytes(top * (rows - k) / rows);
        }
        return "";
    }

    private static String timeAxis(int indent, int columns, long span) {
        char[] line = new char[indent + columns];
        java.util.Arrays.fill(line, ' ');
        String first = JfrFormat.axis(0);
        String last = JfrFormat.axis(span);
        String middle = JfrFormat.axis(span / 2);
        put(line, indent, first);
        int mid = indent + columns / 2 - middle.length() / 2;
        if (mid > indent + first.length() + 1 && mid + middle.length() < line.length - last.length() - 1) {
            put(line, mid, middle);
        }
        put(line, line.length - last.length(), last);
        return stripEnd(new String(line));
    }

    private static void put(char[] line, int at, String s) {
        for (int i = 0; i < s.length() && at + i < line.length; i++) {
            line[at + i] = s.charAt(i);
        }
    }

    private static String pad(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }

    private static String stripEnd(String s) {
        return s.replaceAll("\\s+$", "");
    }
}
