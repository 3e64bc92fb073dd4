package io.sashell.cli;

import io.sashell.sa.RootSet;
import io.sashell.sa.SaException;
import io.sashell.sa.SaRoots;

/** The GC roots the index is built from: SA's enumeration of the attached core ({@link SaRoots}). */
final class GcRootSource {
    private GcRootSource() {
    }

    static RootSet enumerate() {
        try {
            return SaRoots.enumerate();
        } catch (SaException e) {
            throw new UserDataException("cannot build the heap graph index: " + e.getMessage(), e);
        }
    }
}
