package io.sashell.sa;

import java.util.List;

/**
 * Every root SA can name, plus the stacks to scan conservatively (their words become {@link RootKind#CONSERVATIVE}
 * roots where they point at an object start: the index decides that, since it knows the object starts), plus
 * the problems met (one line each) so that callers can say what may be missing. On generational ZGC also what
 * the JVM's own heap iteration starts from beyond the strong roots: the objects of the weak OopStorages
 * ({@code weakHandles}) and every class loader data's handles ({@code loaderData}); empty elsewhere.
 */
public record RootSet(List<GcRoot> roots, List<StackRange> conservativeStacks, List<String> problems,
                      List<Long> weakHandles, List<LoaderData> loaderData) {
    public RootSet {
        roots = List.copyOf(roots);
        conservativeStacks = List.copyOf(conservativeStacks);
        problems = List.copyOf(problems);
        weakHandles = List.copyOf(weakHandles);
        loaderData = List.copyOf(loaderData);
    }

    public RootSet(List<GcRoot> roots, List<StackRange> conservativeStacks, List<String> problems) {
        this(roots, conservativeStacks, problems, List.of(), List.of());
    }
}
