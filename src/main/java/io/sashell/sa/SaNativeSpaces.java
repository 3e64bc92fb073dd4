package io.sashell.sa;

import java.util.ArrayList;
import java.util.List;

import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.debugger.Debugger;
import sun.jvm.hotspot.memory.CodeHeap;
import sun.jvm.hotspot.memory.VirtualSpace;
import sun.jvm.hotspot.runtime.StaticBaseConstructor;
import sun.jvm.hotspot.runtime.VM;
import sun.jvm.hotspot.types.TypeDataBase;
import sun.jvm.hotspot.utilities.GrowableArray;

/**
 * The JVM's native spaces beside the heap: metaspace, class space and the code cache, with the figures the JVM
 * itself reports ({@code jcmd VM.metaspace}, the {@code Metaspace}, {@code Compressed Class Space} and
 * {@code CodeHeap} memory pools).
 * <p>
 * SA describes the code cache ({@code CodeCache::_heaps}, each CodeHeap's VirtualSpace). It knows nothing of
 * metaspace: that is read from libjvm's symbols ({@code MetaspaceContext::_nonclass_space_context} and
 * {@code _class_space_context}) at offsets that JDK 17 and 25 share (checked against {@code jcmd VM.metaspace}
 * of the same process): a context holds its name, its VirtualSpaceList and (JDK 25) its used-words counter;
 * the list holds its first node at 16 and its reserved and committed word counters at 40 and 48; a node
 * holds its next node at 0 and its reservation's base and size at 8 and 16. JDK 17 counts used words in
 * {@code metaspace::RunningCounters} instead. Every figure is checked for sense (used &le; committed &le;
 * reserved, the nodes' sizes add up to the reserved count); what fails is reported as unknown, not guessed.
 */
public final class SaNativeSpaces {
    private static final String NONCLASS = "_ZN9metaspace16MetaspaceContext23_nonclass_space_contextE";
    private static final String CLASS = "_ZN9metaspace16MetaspaceContext20_class_space_contextE";
    private static final String USED_NONCLASS_17 = "_ZN9metaspace15RunningCounters22_used_nonclass_counterE";
    private static final String USED_CLASS_17 = "_ZN9metaspace15RunningCounters19_used_class_counterE";
    private static final int MAX_NODES = 1 << 16;

    private SaNativeSpaces() {
    }

    /**
     * One native space. {@code used} is -1 when unknown; {@code ranges} are its reservations as {low, high}.
     */
    public record Space(String name, long reserved, long committed, long used, List<long[]> ranges) {
        public Space {
            ranges = List.copyOf(ranges);
        }
    }

    /** The spaces found (absent ones left out) and what could not be read. */
    public record Spaces(List<Space> spaces, List<String> problems) {
        public Spaces {
            spaces = List.copyOf(spaces);
            problems = List.copyOf(problems);
        }
    }

    /** Reads the attached VM's native spaces. Never throws: what fails becomes a problem. */
    public static Spaces read() {
        List<Space> spaces = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Debugger dbg = VM.getVM().getDebugger();
        metaspace(dbg, "metaspace", NONCLASS, USED_NONCLASS_17, spaces, problems);
        metaspace(dbg, "class space", CLASS, USED_CLASS_17, spaces, problems);
        try {
            spaces.add(codeCache());
        } catch (RuntimeException | Error e) {
            problems.add("code cache unreadable: " + SaErrors.oneLine(e));
        }
        return new Spaces(spaces, problems);
    }

    private static void metaspace(Debugger dbg, String name, String contextSymbol, String used17,
                                  List<Space> out, List<String> problems) {
        try {
            Address slot = dbg.lookup("libjvm.so", contextSymbol);
            if (slot == null) {
                problems.add(name + ": no symbol " + contextSymbol + " in libjvm");
                return;
            }
            Address context = slot.getAddressAt(0);
            if (context == null) {
                if (!name.equals("class space")) {
                    problems.add(name + ": not initialized");
                }
                return; // no class space without compressed class pointers
            }
            Address list = context.getAddressAt(8);
            long reserved = list.getCIntegerAt(40, 8, true) * 8;
            long committed = list.getCIntegerAt(48, 8, true) * 8;
            List<long[]> ranges = new ArrayList<>();
            long nodesBytes = 0;
            for (Address node = list.getAddressAt(16); node != null && ranges.size() < MAX_NODES;
                 node = node.getAddressAt(0)) {
                long base = node.getCIntegerAt(8, 8, true);
                long size = node.getCIntegerAt(16, 8, true);
                ranges.add(new long[] {base, base + size});
                nodesBytes += size;
            }
            Address usedSlot = dbg.lookup("libjvm.so", used17);
            long used = (usedSlot != null ? usedSlot.getCIntegerAt(0, 8, true) : context.getCIntegerAt(24, 8, true))
                    * 8;
            if (committed < 0 || committed > reserved || nodesBytes != reserved) {
                problems.add(name + ": the VM's counters make no sense here (reserved " + reserved + ", committed "
                        + committed + ", nodes " + nodesBytes + "): not shown");
                return;
            }
            if (used < 0 || used > committed) {
                problems.add(name + ": used words unreadable");
                used = -1;
            }
            out.add(new Space(name, reserved, committed, used, ranges));
        } catch (RuntimeException | Error e) {
            problems.add(name + " unreadable: " + SaErrors.oneLine(e));
        }
    }

    /** The code heaps' reservations (segmented code cache: non-nmethods, profiled, non-profiled). */
    private static Space codeCache() {
        TypeDataBase db = VM.getVM().getTypeDataBase();
        Address heaps = db.lookupType("CodeCache").getAddressField("_heaps").getValue();
        long memory = db.lookupType("CodeHeap").getField("_memory").getOffset();
        GrowableArray<CodeHeap> array = GrowableArray.create(heaps, new StaticBaseConstructor<>(CodeHeap.class));
        long reserved = 0;
        long committed = 0;
        List<long[]> ranges = new ArrayList<>();
        for (int i = 0; i < array.length(); i++) {
            VirtualSpace vs = new VirtualSpace(array.at(i).getAddress().addOffsetTo(memory));
            reserved += vs.reservedSize();
            committed += vs.committedSize();
            ranges.add(new long[] {SaAddresses.of(vs.lowBoundary()), SaAddresses.of(vs.highBoundary())});
        }
        return new Space("code cache", reserved, committed, -1, ranges);
    }
}
