package io.sashell.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.sashell.core.UnreadableMemoryException;
import io.sashell.sa.SaHeapLayout;
import io.sashell.sa.SaKlassInfo;

/**
 * Matches each mirror ({@code java.lang.Class} instance) to the class it stands for, whose static fields it
 * holds, and each loader to the mirrors of the classes it defined.
 */
final class MirrorPass {
    private MirrorPass() {
    }

    static void run(BuildState s) {
        SaHeapLayout layout = s.in.layout();
        Map<Integer, List<Integer>> defined = new HashMap<>();
        Set<Long> badKlasses = new HashSet<>();
        for (int id : s.mirrorObjects) {
            BuildState.checkInterrupt();
            long a = s.addressIndex.address(id);
            long klass;
            long arrayKlass;
            try {
                klass = s.memory.readLong(a + layout.mirrorKlassOffset());
                arrayKlass = s.memory.readLong(a + layout.mirrorArrayKlassOffset());
            } catch (UnreadableMemoryException e) {
                s.problem(String.format("mirror 0x%x is unreadable", a));
                continue;
            }
            if (klass == 0) {
                // A primitive type's mirror: its array klass names the type.
                String name = arrayKlass == 0 ? "?" : s.in.klasses().apply(arrayKlass)
                        .map(SaKlassInfo::elementTypeName).filter(x -> !x.isEmpty()).orElse("?");
                s.mirrors.add(new Blobs.Mirror(id, -1, name));
                s.mirrorKlass.put(id, -1);
                continue;
            }
            Optional<SaKlassInfo> info = s.in.klasses().apply(klass);
            if (info.isEmpty()) {
                if (badKlasses.add(klass)) {
                    s.problem(String.format("mirror 0x%x stands for 0x%x, which SA cannot read as a class", a,
                            klass));
                }
                s.mirrors.add(new Blobs.Mirror(id, -1, "?"));
                s.mirrorKlass.put(id, -1);
                continue;
            }
            int mk = s.addMeta(info.get());
            KlassMeta m = s.metas.get(mk);
            m.mirror = id;
            s.mirrors.add(new Blobs.Mirror(id, mk, m.info.name()));
            s.mirrorKlass.put(id, mk);
            if (m.info.classLoader() != 0) {
                int loader = s.addressIndex.idOf(m.info.classLoader());
                if (loader >= 0) {
                    defined.computeIfAbsent(loader, x -> new ArrayList<>()).add(id);
                }
            }
        }
        defined.forEach((loader, ids) -> s.definedBy.put(loader, ids.stream().mapToInt(Integer::intValue).toArray()));
    }
}
