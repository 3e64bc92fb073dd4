package io.sashell.index;

/**
 * Told how far an index build got: the phase's name and how much of it is done. Called from the building
 * thread only (never concurrently), at most a few hundred times per phase.
 */
@FunctionalInterface
public interface IndexProgress {
    IndexProgress NONE = (phase, done, total) -> { };

    void progress(String phase, long done, long total);
}
