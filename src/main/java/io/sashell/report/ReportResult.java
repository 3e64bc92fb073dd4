package io.sashell.report;

import java.nio.file.Path;

/** What {@code report} wrote: the file, its size, and how much of the heap the page shows. */
public record ReportResult(Path file, long bytes, int suspects, int cells, int details, boolean redacted,
                          long millis) {
}
