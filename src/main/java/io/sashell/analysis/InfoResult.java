package io.sashell.analysis;

import java.util.List;

import io.sashell.sa.VmFacts;

/** The answer of {@code info}: the process as the core records it and the VM as it describes itself. */
public record InfoResult(String core, ProcessFacts process, VmFacts vm, String crashingThread, List<SpaceUse> spaces,
                         long regionSize) {
    public InfoResult {
        spaces = List.copyOf(spaces);
    }
}
