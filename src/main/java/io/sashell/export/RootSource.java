package io.sashell.export;

import io.sashell.sa.RootSet;

/**
 * Where the GC roots of an export come from: the roots work's full enumeration once it is on main, until then
 * {@link ThreadAndClassRoots}.
 */
@FunctionalInterface
public interface RootSource {
    RootSet roots();
}
