package io.sashell.analysis;

import io.sashell.sa.VmFacts;

/** The answer of {@code info}: the process as the core records it and the VM as it describes itself. */
public record InfoResult(String core, ProcessFacts process, VmFacts vm, String crashingThread) {
}
