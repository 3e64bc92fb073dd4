package io.sashell.cli.shell;

import java.io.IOException;
import java.util.List;

import io.sashell.analysis.MemoryMap;
import io.sashell.analysis.MemoryResult;
import io.sashell.cli.UserDataException;
import io.sashell.core.CoreFileException;
import io.sashell.core.ElfCore;
import io.sashell.sa.SaHeapLayout;
import io.sashell.sa.SaNativeSpaces;
import io.sashell.sa.SaThreadStacks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "memory", description = "The process's memory by kind: Java heap (reserved, committed, used), Java"
        + " thread stacks, metaspace, class space and code cache (reserved, committed, used, as the JVM counts"
        + " them), mapped files by path, CDS archive and the rest of anonymous memory; what lies outside the Java"
        + " heap.")
final class MemoryCommand extends ShellCommand {
    @Option(names = "-n", paramLabel = "N", description = "Mapped files shown (default: ${DEFAULT-VALUE}; -1: all).",
            defaultValue = "10")
    int files;

    @Override
    void run() {
        MemoryResult r = result(ctx);
        if (files >= 0 && r.files().size() > files) {
            r = new MemoryResult(r.kinds(), r.files().subList(0, files), r.total(), r.inCore(), r.heapReserved(),
                    r.heapCommitted(), r.heapUsed(), r.spaces(), r.notes());
        }
        ctx.renderer().memory(r);
    }

    /** The process's memory by kind, every mapped file (for {@code report} too). */
    static MemoryResult result(ShellContext ctx) {
        SaHeapLayout layout = ctx.heap().metadata().map(md -> md.layout()).orElse(null);
        long[] heap = layout == null || layout.reservedEnd() <= layout.reservedStart() ? null
                : new long[] {layout.reservedStart(), layout.reservedEnd()};
        List<long[]> stacks = SaThreadStacks.ranges();
        SaNativeSpaces.Spaces spaces = SaNativeSpaces.read();
        List<MemoryMap.NativeSpace> natives = spaces.spaces().stream().map(s -> new MemoryMap.NativeSpace(
                new MemoryResult.Space(s.name(), s.reserved(), s.committed(), s.used()), s.ranges())).toList();
        try (ElfCore elf = ElfCore.open(ctx.core())) {
            return MemoryMap.of(elf.segments(), elf.mappedFiles(), heap, layout == null ? 0 : layout.heapCapacity(),
                    layout == null ? 0 : layout.heapUsed(), stacks, natives, spaces.problems());
        } catch (CoreFileException | IOException e) {
            throw new UserDataException("cannot read " + ctx.core() + ": " + e.getMessage(), e);
        }
    }
}
