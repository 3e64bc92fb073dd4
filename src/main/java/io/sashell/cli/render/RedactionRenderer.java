package io.sashell.cli.render;

import java.io.PrintWriter;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sashell.redact.RedactionReport;

/** Prints a redaction report: a table of bytes per kind of region and the counts behind it, or JSON. */
public final class RedactionRenderer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RedactionRenderer() {
    }

    /** The report as one JSON document (the {@code --report} file, and {@code --json}). */
    public static String json(RedactionReport report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    /** {@code headline} first (what was done), then the table and the counts. */
    public static void text(PrintWriter out, String headline, RedactionReport r) {
        out.println(headline);
        out.printf(Locale.ROOT, "zeroed %s of %s (level %s%s)%n", Units.bytes(r.zeroedBytes()),
                Units.bytes(r.coreBytes()), r.level(),
                r.keep().isEmpty() ? "" : ", kept " + String.join(", ", r.keep()));
        int width = 0;
        for (RedactionReport.Row row : r.rows()) {
            width = Math.max(width, row.description().length());
        }
        for (RedactionReport.Row row : r.rows()) {
            out.printf(Locale.ROOT, "  %-" + width + "s  %10s%n", row.description(), Units.bytes(row.bytes()));
        }
        out.printf(Locale.ROOT, "heap: %,d objects walked, %,d primitive arrays zeroed%s%s%s%n", r.objects(),
                r.primitiveArrays(), r.keptArrays() > 0 ? String.format(Locale.ROOT, ", %,d kept", r.keptArrays()) : "",
                r.instances() > 0 ? String.format(Locale.ROOT, ", %,d instances' fields zeroed", r.instances()) : "",
                r.heapDamage() > 0 ? String.format(Locale.ROOT, ", %d unwalkable stretches", r.heapDamage()) : "");
        out.printf(Locale.ROOT, "native: %,d threads' dead stack, %,d direct buffers, %,d native copies of %,d"
                + " argument and environment strings%s%n", r.threads(), r.directBuffers(), r.copiesFound(),
                r.searchedStrings(), r.saPagesRead() >= 0
                        ? String.format(Locale.ROOT, "; kept the %,d pages SA read (%,d malloc heaps)", r.saPagesRead(),
                                r.mallocHeaps()) : "");
        for (String note : r.notes()) {
            out.println("note: " + note);
        }
        out.flush();
    }
}
