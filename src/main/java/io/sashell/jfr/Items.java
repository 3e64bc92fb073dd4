package io.sashell.jfr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.openjdk.jmc.common.IMCFrame;
import org.openjdk.jmc.common.IMCMethod;
import org.openjdk.jmc.common.IMCStackTrace;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.IMCType;
import org.openjdk.jmc.common.item.IAccessorKey;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.item.IType;
import org.openjdk.jmc.common.item.ItemFilters;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.FormatToolkit;
import org.openjdk.jmc.flightrecorder.JfrAttributes;

/**
 * Reading JMC items by field name, so every analysis gets plain Java values: an event's field is looked up
 * by its JFR field name ("heapUsed", "sampledThread") on each event type, and a missing field reads as null.
 */
final class Items {
    private Items() {
    }

    /** One event with access to its fields by name. */
    static final class Event {
        private final IItemIterable iterable;
        private final IType<IItem> type;
        /** Accessors by field name, looked up once per event type (an iterable holds one type). */
        private final Map<String, IMemberAccessor<?, IItem>> accessors = new java.util.HashMap<>();
        private IItem item;

        Event(IItemIterable iterable) {
            this.iterable = iterable;
            this.type = iterable.getType();
        }

        void item(IItem current) {
            this.item = current;
        }

        String typeId() {
            return type.getIdentifier();
        }

        Object get(String field) {
            IMemberAccessor<?, IItem> a;
            if (accessors.containsKey(field)) {
                a = accessors.get(field);
            } else {
                a = accessor(iterable, field);
                accessors.put(field, a); // null too: a field this type lacks is looked up once
            }
            return a == null ? null : a.getMember(item);
        }

        /** A quantity in the given unit (bytes, nanoseconds, epoch nanoseconds), or {@code missing}. */
        long quantity(String field, org.openjdk.jmc.common.unit.IUnit unit, long missing) {
            Object v = get(field);
            if (v instanceof IQuantity) {
                try {
                    return ((IQuantity) v).clampedLongValueIn(unit);
                } catch (IllegalArgumentException e) {
                    return missing;
                }
            }
            if (v instanceof Number) {
                return ((Number) v).longValue();
            }
            return missing;
        }

        long bytes(String field) {
            return quantity(field, UnitLookup.BYTE, -1);
        }

        long nanos(String field) {
            return quantity(field, UnitLookup.NANOSECOND, -1);
        }

        long number(String field) {
            return quantity(field, UnitLookup.NUMBER_UNITY, -1);
        }

        long startNanos() {
            IQuantity q = JfrAttributes.START_TIME.getAccessor(type).getMember(item);
            return q == null ? 0 : q.clampedLongValueIn(UnitLookup.EPOCH_NS);
        }

        long endNanos() {
            IMemberAccessor<IQuantity, IItem> a = JfrAttributes.END_TIME.getAccessor(type);
            IQuantity q = a == null ? null : a.getMember(item);
            return q == null ? startNanos() : q.clampedLongValueIn(UnitLookup.EPOCH_NS);
        }

        String text(String field) {
            Object v = get(field);
            if (v == null) {
                return "";
            }
            if (v instanceof IMCType) {
                return ((IMCType) v).getFullName();
            }
            if (v instanceof IMCThread) {
                String n = ((IMCThread) v).getThreadName();
                return n == null ? "" : n;
            }
            return v.toString();
        }

        IMCStackTrace stackTrace() {
            IMemberAccessor<IMCStackTrace, IItem> a = JfrAttributes.EVENT_STACKTRACE.getAccessor(type);
            return a == null ? null : a.getMember(item);
        }
    }

    private static IMemberAccessor<?, IItem> accessor(IItemIterable it, String field) {
        IType<IItem> type = it.getType();
        for (Map.Entry<IAccessorKey<?>, ?> e : type.getAccessorKeys().entrySet()) {
            if (e.getKey().getIdentifier().equals(field)) {
                return type.getAccessor(e.getKey());
            }
        }
        return null;
    }

    /** Visits every event of the given type ids, in JMC's order (not necessarily time order). */
    static void forEach(IItemCollection events, Consumer<Event> visit, String... typeIds) {
        for (IItemIterable it : events.apply(ItemFilters.type(typeIds))) {
            Event e = new Event(it);
            for (IItem item : it) {
                e.item = item;
                visit.accept(e);
            }
        }
    }

    static long count(IItemCollection events, String typeId) {
        long n = 0;
        for (IItemIterable it : events.apply(ItemFilters.type(typeId))) {
            n += it.getItemCount();
        }
        return n;
    }

    /** "FillHeap.handle(long):27": class with package, arguments without, the line when known. */
    static String frame(IMCFrame f) {
        IMCMethod m = f.getMethod();
        String method = m == null ? "unknown method"
                : FormatToolkit.getHumanReadable(m, false, false, true, true, true, false);
        Integer line = f.getFrameLineNumber();
        return line != null && line >= 0 ? method + ":" + line : method;
    }

    static String method(IMCFrame f) {
        IMCMethod m = f.getMethod();
        return m == null ? "unknown method" : FormatToolkit.getHumanReadable(m, false, false, true, true, true, false);
    }

    /** The first {@code depth} frames, top first. */
    static List<String> frames(IMCStackTrace st, int depth) {
        List<String> out = new ArrayList<>();
        if (st == null) {
            return out;
        }
        for (IMCFrame f : st.getFrames()) {
            if (out.size() == depth) {
                break;
            }
            out.add(frame(f));
        }
        return out;
    }
}
