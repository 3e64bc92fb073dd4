package io.sashell.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.sashell.sa.KlassCount;
import io.sashell.sa.KlassRef;
import io.sashell.sa.ObjectRef;
import io.sashell.sa.SaClasses;
import io.sashell.sa.SaObjectHistogram;

/**
 * The heap questions of the skeleton's commands, answered by an engine: SA's own iteration, or the fast
 * walker. Per-klass counts are computed once per engine and kept: a core never changes.
 */
public final class HeapQueries {
    /** Which code walks the heap. */
    public enum Engine {
        WALKER, SA;

        public static Engine parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    private List<KlassRef> classes;
    private List<KlassCount> saCounts;

    /** Every loaded class; one SA pass over the class loader data graph, then cached. */
    public List<KlassRef> classes() {
        if (classes == null) {
            classes = List.copyOf(SaClasses.all());
        }
        return classes;
    }

    public List<String> classNames() {
        return classes().stream().map(KlassRef::name).distinct().sorted().toList();
    }

    public HistogramResult histogram(String pattern, Histogram.Sort sort, long limit, Engine engine) {
        return Histogram.of(counts(engine), pattern, sort, limit, engine.name().toLowerCase(Locale.ROOT));
    }

    private List<KlassCount> counts(Engine engine) {
        if (saCounts == null) {
            saCounts = List.copyOf(SaObjectHistogram.run());
        }
        return saCounts;
    }

    /**
     * Instances of the class named {@code name} (every loader's class of that name), with subclasses when
     * asked. An unknown name is a {@link UnknownClassException} carrying close names.
     */
    public InstancesResult instances(String name, boolean subclasses, long limit, Engine engine) {
        List<KlassRef> all = classes();
        Set<Long> selected = new HashSet<>();
        for (KlassRef k : all) {
            if (k.name().equals(name)) {
                selected.add(k.klass());
            }
        }
        if (selected.isEmpty()) {
            throw new UnknownClassException(name, ClassNames.suggest(name, classNames(), 5));
        }
        if (subclasses) {
            Map<Long, Long> parent = all.stream()
                    .collect(Collectors.toMap(KlassRef::klass, KlassRef::superKlass, (a, b) -> a));
            for (KlassRef k : all) {
                if (isSubclass(k.klass(), selected, parent)) {
                    selected.add(k.klass());
                }
            }
        }
        List<ObjectRef> objects = SaClasses.instances(selected);
        objects.sort((a, b) -> Long.compareUnsigned(a.address(), b.address()));
        long bytes = 0;
        for (ObjectRef o : objects) {
            bytes += o.size();
        }
        List<String> names = new ArrayList<>();
        for (KlassRef k : all) {
            if (selected.contains(k.klass())) {
                names.add(k.name());
            }
        }
        List<ObjectRef> shown = limit >= 0 && limit < objects.size() ? objects.subList(0, (int) limit) : objects;
        return new InstancesResult(name, names.stream().distinct().sorted().toList(), shown, objects.size(), bytes);
    }

    private static boolean isSubclass(long klass, Set<Long> of, Map<Long, Long> parent) {
        Long k = parent.get(klass);
        int guard = 0;
        while (k != null && k != 0 && guard++ < 1000) {
            if (of.contains(k)) {
                return true;
            }
            k = parent.get(k);
        }
        return false;
    }
}
