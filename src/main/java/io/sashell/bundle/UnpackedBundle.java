package io.sashell.bundle;

import java.nio.file.Path;

/**
 * A bundle unpacked and checked in sa-shell's cache: open {@link #core()} with the JDK {@link #runtime()} and
 * {@link #root()} as the system root (the files SA reads at the paths the core recorded).
 */
public record UnpackedBundle(Path bundle, Path dir, BundleManifest manifest, boolean freshlyUnpacked) {
    public Path core() {
        return dir.resolve(manifest.core());
    }

    public Path runtime() {
        return dir.resolve(manifest.runtime());
    }

    public Path root() {
        return dir.resolve(manifest.root());
    }
}
