package io.sashell.analysis;

import java.util.List;

/**
 * {@code strings}: Strings by content. With {@code dups}, one row per value held by more than one String,
 * with the bytes the copies waste (every copy's String and array beyond the first).
 */
public record StringsResult(boolean dups, String pattern, List<Row> rows, long matched, long strings,
                            long wastedBytes) {
    public StringsResult {
        rows = List.copyOf(rows);
    }

    /**
     * @param value   the content, cut to 200 characters
     * @param count   Strings holding it
     * @param bytes   shallow bytes of those Strings and their arrays
     * @param wasted  bytes of every copy beyond the first (0 for a single String)
     * @param example the address of one of them (for {@code refs})
     */
    public record Row(String value, long length, long count, long bytes, long wasted, long example) {
    }
}
