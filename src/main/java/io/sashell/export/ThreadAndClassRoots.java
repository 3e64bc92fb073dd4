package io.sashell.export;

import io.sashell.sa.GcRoot;
import io.sashell.sa.JavaThreadFacts;
import io.sashell.sa.KlassRef;
import io.sashell.sa.RootKind;
import io.sashell.sa.RootSet;
import io.sashell.sa.SaKlassInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The roots that need no frame walk: every thread's {@code java.lang.Thread} object and the mirror of every
 * class the boot loader defined (system classes). Frame locals, JNI handles and monitors are missing: the
 * problems line says so.
 */
public final class ThreadAndClassRoots implements RootSource {
    private final List<JavaThreadFacts> threads;
    private final List<KlassRef> classes;
    private final LongFunction<Optional<SaKlassInfo>> klassLookup;

    public ThreadAndClassRoots(List<JavaThreadFacts> threads, List<KlassRef> classes,
                               LongFunction<Optional<SaKlassInfo>> klassLookup) {
        this.threads = List.copyOf(threads);
        this.classes = List.copyOf(classes);
        this.klassLookup = klassLookup;
    }

    @Override
    public RootSet roots() {
        List<GcRoot> roots = new ArrayList<>();
        for (JavaThreadFacts t : threads) {
            if (t.threadObjectAddress() != 0) {
                roots.add(new GcRoot(t.threadObjectAddress(), RootKind.THREAD_OBJECT, "thread " + t.name(), t.name(),
                        t.threadObjectAddress()));
            }
        }
        for (KlassRef k : classes) {
            if (k.loader() != 0) {
                continue;
            }
            Optional<SaKlassInfo> info = klassLookup.apply(k.klass());
            if (info.isPresent() && info.get().javaMirror() != 0) {
                roots.add(new GcRoot(info.get().javaMirror(), RootKind.SYSTEM_CLASS, "class " + k.name(), "", 0));
            }
        }
        return new RootSet(roots, List.of(), List.of("frame locals, JNI handles and monitors are not roots in this"
                + " file yet (they need the roots enumeration)"));
    }
}
