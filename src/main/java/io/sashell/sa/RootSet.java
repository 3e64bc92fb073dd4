package io.sashell.sa;

import java.util.List;

/**
 * Every root SA can name, plus the stacks to scan conservatively (their words become {@link RootKind#CONSERVATIVE}
 * roots where they point at an object start: the index decides that, since it knows the object starts), plus
 * the problems met (one line each) so that callers can say what may be missing.
 */
public record RootSet(List<GcRoot> roots, List<StackRange> conservativeStacks, List<String> problems) {
    public RootSet {
        roots = List.copyOf(roots);
        conservativeStacks = List.copyOf(conservativeStacks);
        problems = List.copyOf(problems);
    }
}
