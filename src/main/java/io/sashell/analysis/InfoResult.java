package io.sashell.analysis;

import java.util.List;

import io.sashell.sa.VmFacts;

/**
 * The answer of {@code info}: the process as the core records it and the VM as it describes itself.
 * {@code recording}: the Flight Recorder recording found for the process, empty when none was found.
 */
public record InfoResult(String core, ProcessFacts process, VmFacts vm, String crashingThread, List<SpaceUse> spaces,
                         long regionSize, String recording) {
    public InfoResult {
        spaces = List.copyOf(spaces);
    }

    public InfoResult(String core, ProcessFacts process, VmFacts vm, String crashingThread, List<SpaceUse> spaces,
                      long regionSize) {
        this(core, process, vm, crashingThread, spaces, regionSize, "");
    }
}
