package io.sashell.index;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.sashell.core.UnreadableMemoryException;
import io.sashell.sa.GcRoot;
import io.sashell.sa.RootKind;
import io.sashell.sa.RootSet;
import io.sashell.sa.StackRange;

/**
 * The roots resolved to ids (one per object, kind, description and thread), and the thread stacks that have no
 * walkable frames scanned conservatively: every word that is an object start is a root of its own kind.
 */
final class RootPass {
    private final BuildState s;

    private RootPass(BuildState s) {
        this.s = s;
    }

    static void run(BuildState s) {
        new RootPass(s).resolveRoots();
    }

    private void resolveRoots() {
        RootSet set = s.in.roots();
        long unresolved = 0;
        List<String> examples = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (GcRoot r : set.roots()) {
            int id = s.addressIndex.idOf(r.object());
            if (id < 0 && s.oops.coloured()) {
                // ZGC: a frame the stack watermark had not processed yet still holds the old address.
                id = s.addressIndex.idOf(s.oops.forwardings().forwardStale(r.object()));
            }
            if (id < 0) {
                unresolved++;
                if (examples.size() < 3) {
                    examples.add(String.format("%s 0x%x (%s)", r.kind().label(), r.object(), r.description()));
                }
                continue;
            }
            IndexedRoot root = new IndexedRoot(id, r.object(), r.kind(), r.description(), nonNull(r.threadName()),
                    r.threadObject());
            if (seen.add(id + "|" + r.kind() + "|" + root.description() + "|" + root.threadName())) {
                s.roots.add(root);
            }
        }
        if (unresolved > 0) {
            s.problem((unresolved == 1 ? "1 root points" : unresolved + " roots point")
                    + " where no object starts, e.g. " + String.join("; ", examples));
        }
        for (StackRange stack : set.conservativeStacks()) {
            BuildState.checkInterrupt();
            scanStack(stack);
        }
        for (String p : set.problems()) {
            s.problem("roots: " + p);
        }
        s.roots.sort((a, b) -> a.id() != b.id() ? Integer.compare(a.id(), b.id()) : a.kind().compareTo(b.kind()));
    }

    /**
     * Every word of the stack (and each half, with compressed oops) that is an object start is a root, and so is
     * every general register of a thread stopped in running code.
     */
    private void scanStack(StackRange stack) {
        Set<Integer> found = new HashSet<>();
        String why = stack.reason() == null || stack.reason().isEmpty() ? "" : "; " + stack.reason();
        int r = 0;
        for (long value : stack.registers()) {
            candidates(stack, found, value, String.format("register %d = 0x%x", r++, value), why);
        }
        for (long p = stack.low() & ~7L; p + 8 <= stack.high(); p += 8) {
            long word;
            try {
                word = s.memory.readLong(p);
            } catch (UnreadableMemoryException e) {
                // Skip the rest of the page: the core holds no part of it.
                p = (p | 0xFFF) - 7;
                continue;
            }
            candidates(stack, found, word, String.format("stack word at 0x%x", p), why);
        }
    }

    /** The word as a whole oop, and with compressed oops each half as a narrow oop. */
    private void candidates(StackRange stack, Set<Integer> found, long word, String where, String why) {
        AddressIndex index = s.addressIndex;
        conservative(stack, found, index.idOf(word), where, why);
        if (s.oops.narrow()) {
            long low = word & 0xFFFF_FFFFL;
            long high = word >>> 32;
            if (low != 0) {
                conservative(stack, found, index.idOf(s.oops.decodeNarrow(low)), where + " (narrow)", why);
            }
            if (high != 0) {
                conservative(stack, found, index.idOf(s.oops.decodeNarrow(high)), where + " (narrow, upper half)",
                        why);
            }
        }
    }

    private void conservative(StackRange stack, Set<Integer> found, int id, String where, String why) {
        if (id >= 0 && found.add(id)) {
            s.roots.add(new IndexedRoot(id, s.addressIndex.address(id), RootKind.CONSERVATIVE, where + why,
                    nonNull(stack.threadName()), stack.threadObject()));
        }
    }

    private static String nonNull(String v) {
        return v == null ? "" : v;
    }
}
