package io.sashell.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.sashell.core.ElfCore;
import io.sashell.heap.HeapWalkProgress;
import io.sashell.heap.HeapWalker;
import io.sashell.heap.UnsupportedHeapException;
import io.sashell.redact.KeepRule;
import io.sashell.redact.RedactLevel;
import io.sashell.redact.RedactionPlan;
import io.sashell.redact.Redactor;
import io.sashell.sa.JavaThreadFacts;
import io.sashell.sa.SaClasses;
import io.sashell.sa.SaHeapMetadata;
import io.sashell.sa.SaReadRecorder;
import io.sashell.sa.SaRoots;
import io.sashell.sa.SaThreads;

/** Plans the redaction of a core SA is attached to: what {@code redact} and {@code bundle --redact} share. */
final class CoreRedaction {
    private CoreRedaction() {
    }

    /** Plans the redaction of the attached core {@code core}; one-line errors for heaps it cannot redact. */
    static RedactionPlan plan(Path core, ElfCore elf, RedactLevel level, KeepRule keep) throws IOException {
        SaHeapMetadata metadata = SaHeapMetadata.ofAttachedVm();
        if (!HeapWalker.supports(metadata.layout())) {
            throw new UserDataException(core + ": cannot redact a " + metadata.layout().collector()
                    + " heap yet (sa-shell's walker knows Serial, Parallel, G1, Epsilon and JDK 21+ ZGC)");
        }
        long[] saPages = level == RedactLevel.FULL ? recordSaReads(elf) : null;
        try {
            return Redactor.plan(elf, metadata.layout(), metadata::klass, saPages, new Redactor.Options(level, keep,
                    threadNames()));
        } catch (UnsupportedHeapException e) {
            throw new UserDataException(core + ": " + e.getMessage(), e);
        }
    }

    /**
     * The names of the attached VM's classes, dotted and with slashes: structure a redacted core keeps, so a
     * process string equal to one (the main class on the command line) is no secret to hunt in other files.
     */
    static java.util.Set<String> classNames() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (io.sashell.sa.KlassRef k : SaClasses.all()) {
            names.add(k.name());
            names.add(k.name().replace('.', '/'));
        }
        return names;
    }

    /**
     * The names of the attached VM's Java threads (heap strings: data a redacted bundle's files must not hold,
     * and whose native copies redaction zeroes).
     */
    static List<String> threadNames() {
        // A redacted core's thread names are NUL characters: nothing to look for (and redacting it again must
        // change nothing).
        return SaThreads.threads().stream().map(JavaThreadFacts::name)
                .filter(n -> n != null && !n.isEmpty() && n.indexOf('\0') < 0).toList();
    }

    /**
     * Asks SA, while its reads are recorded, what sa-shell's commands ask: every class of the heap (one walk),
     * every loaded class, every thread and its Java frames, the GC roots (OopStorages, monitors, class loader
     * data: what the graph index and {@code histo --live} start from). The pages read are what {@code full}
     * keeps; a command that made SA read other native memory would see zeros there, so every SA question
     * sa-shell asks belongs here.
     */
    private static long[] recordSaReads(ElfCore elf) {
        Optional<SaReadRecorder> started = SaReadRecorder.start();
        if (started.isEmpty()) {
            throw new UserDataException("--level full needs to watch SA's reads: run sa-shell through"
                    + " sa-shell/sa-shell (it opens jdk.hotspot.agent/sun.jvm.hotspot.debugger)");
        }
        try (SaReadRecorder recorder = started.get()) {
            SaHeapMetadata metadata = SaHeapMetadata.ofAttachedVm();
            new HeapWalker(elf.memory(), metadata.layout(), metadata::klass).histogram(1,
                    HeapWalkProgress.NONE);
            SaClasses.all();
            for (JavaThreadFacts t : SaThreads.threads()) {
                SaThreads.stack(t);
            }
            SaRoots.enumerate();
            return recorder.pages();
        }
    }
}
