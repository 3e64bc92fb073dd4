package io.sashell.export;

import io.sashell.core.MemoryReader;
import io.sashell.heap.HeapWalker;
import io.sashell.redact.RedactLevel;
import io.sashell.sa.KlassRef;
import io.sashell.sa.SaKlassInfo;
import io.sashell.sa.StackFacts;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;

/**
 * What an export reads: the core's memory, the walker over its heap, the loaded classes and their metadata
 * (cached by the caller: asked once per class), the threads with their Java frames, and the roots; and what it
 * writes: the objects {@code written} accepts by address (all, or the reachable ones for {@code --live}; a
 * reference to an object left out is written as null), with primitive contents zeroed as {@code redact} says
 * (array payloads at {@code basic}, primitive instance and static fields too at {@code full}).
 */
public record ExportSource(MemoryReader memory, HeapWalker walker, List<KlassRef> classes,
                           LongFunction<Optional<SaKlassInfo>> klassLookup, List<StackFacts> stacks,
                           RootSource roots, Optional<LongPredicate> written, Optional<RedactLevel> redact) {
    public ExportSource {
        classes = List.copyOf(classes);
        stacks = List.copyOf(stacks);
        Objects.requireNonNull(written, "written");
        Objects.requireNonNull(redact, "redact");
    }

    /** Every object, as it lies. */
    public ExportSource(MemoryReader memory, HeapWalker walker, List<KlassRef> classes,
                        LongFunction<Optional<SaKlassInfo>> klassLookup, List<StackFacts> stacks, RootSource roots) {
        this(memory, walker, classes, klassLookup, stacks, roots, Optional.empty(), Optional.empty());
    }
}
