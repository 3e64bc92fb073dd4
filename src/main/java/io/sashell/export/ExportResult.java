package io.sashell.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export wrote. {@code skippedObjects} are objects whose class had no metadata (not written);
 * {@code millis} is the time from the first byte to the last; {@code notes} says what the file lacks, one line each.
 */
public record ExportResult(Path file, long bytes, long instances, long arrays, long classes, long roots,
                           long threads, long skippedObjects, long millis, List<String> notes) {
    public ExportResult {
        notes = List.copyOf(notes);
    }
}
