package io.sashell.heap;

/**
 * Told how far a heap walk got. Called from the walking threads, never concurrently (calls are serialized),
 * with a non-decreasing {@code bytesWalked}; the last call has {@code bytesWalked == bytesTotal} unless the
 * walk was cancelled.
 */
@FunctionalInterface
public interface HeapWalkProgress {
    HeapWalkProgress NONE = (walked, total) -> { };

    void progress(long bytesWalked, long bytesTotal);
}
