package io.sashell.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sashell.core.PendingPath;

/**
 * Writes a {@link Report} as one self-contained HTML file: the page's style and script inline (from this
 * package's resources), the data embedded once as JSON and drawn by the script (tables, treemap, chart),
 * nothing fetched. The file is mode 0600 from its creation: a report names classes and objects of the core.
 */
public final class HtmlReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HtmlReport() {
    }

    /** The page's text. */
    public static String html(Report report) {
        String page = resource("report.html");
        String title = "sa-shell report: " + Path.of(report.summary().core()).getFileName();
        return page.replace("<!--TITLE-->", escapeHtml(title))
                .replace("/*CSS*/", resource("report.css"))
                .replace("/*JS*/", resource("report.js"))
                .replace("/*DATA*/", json(report));
    }

    /**
     * Writes the page to {@code target} through a temporary file beside it, renamed when complete.
     *
     * @param core refused as the target: the input is never written
     */
    public static ReportResult write(Report report, Path target, Path core, long startNanos) throws IOException {
        Path abs = target.toAbsolutePath();
        // Messages follow "cannot write FILE: ".
        if (Files.isDirectory(abs)) {
            throw new IOException("it is a directory");
        }
        if (Files.exists(abs) && core != null && Files.exists(core) && Files.isSameFile(abs, core)) {
            throw new IOException("it is the core itself; choose another output file");
        }
        Path dir = abs.getParent();
        if (!Files.isDirectory(dir)) {
            throw new IOException("no such directory " + dir);
        }
        byte[] bytes = html(report).getBytes(StandardCharsets.UTF_8);
        try (PendingPath tmp = PendingPath.besideTarget(abs, ".part")) {
            Files.write(tmp.path(), bytes);
            tmp.moveTo(abs);
        }
        long details = report.treemap().details().size();
        return new ReportResult(target, bytes.length, report.suspects().size(), report.treemap().nodes().size(),
                (int) details, report.redacted(), (System.nanoTime() - startNanos) / 1_000_000);
    }

    /**
     * The report as JSON that is safe inside a script element: {@code <}, {@code >} and {@code &} occur only in
     * JSON strings, where their escapes mean the same.
     */
    static String json(Report report) {
        try {
            return JSON.writeValueAsString(report).replace("<", "\\u003c").replace(">", "\\u003e")
                    .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report cannot be written as JSON", e);
        }
    }

    static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource io/sashell/report/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
