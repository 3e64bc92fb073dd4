package io.sashell.export;

import io.sashell.core.MemoryReader;
import io.sashell.heap.HeapWalker;
import io.sashell.sa.KlassRef;
import io.sashell.sa.SaKlassInfo;
import io.sashell.sa.StackFacts;

import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * What an export reads: the core's memory, the walker over its heap, the loaded classes and their metadata
 * (cached by the caller: asked once per class), the threads with their Java frames, and the roots.
 */
public record ExportSource(MemoryReader memory, HeapWalker walker, List<KlassRef> classes,
                           LongFunction<Optional<SaKlassInfo>> klassLookup, List<StackFacts> stacks,
                           RootSource roots) {
    public ExportSource {
        classes = List.copyOf(classes);
        stacks = List.copyOf(stacks);
    }
}
