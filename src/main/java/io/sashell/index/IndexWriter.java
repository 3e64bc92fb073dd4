package io.sashell.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.sashell.index.IndexHeader.Section;
import io.sashell.sa.SaHeapLayout;
import io.sashell.sa.SaKlassInfo;
import io.sashell.sa.SaKlassKind;

/** The last pass: the tables (classes, mirrors, roots, problems) after the arrays, and the header in front. */
final class IndexWriter {
    private IndexWriter() {
    }

    static void writeTables(BuildState s) throws IOException {
        List<IndexedKlass> klasses = new ArrayList<>(s.metas.size());
        for (KlassMeta m : s.metas) {
            SaKlassInfo i = m.info;
            klasses.add(new IndexedKlass(m.address, i.name(), i.kind(), i.classLoaderName(), i.classLoader(),
                    m.referenceType, i.kind().isArray() ? List.of() : i.referenceFields(),
                    i.staticReferenceFields(), i.kind().isArray() ? List.of() : i.vmReferenceFields(), i.kind() == SaKlassKind.OBJ_ARRAY ? i.arrayHeaderSize() : 0,
                    m.mirror, m.count, m.bytes, m.liveCount, m.liveBytes, m.iteratedCount, m.iteratedBytes, m.chunk));
        }
        s.blob(Section.KLASSES, Blobs.klasses(klasses));
        s.blob(Section.MIRRORS, Blobs.mirrors(s.mirrors));
        s.blob(Section.ROOTS, Blobs.roots(s.roots));
        s.blob(Section.PROBLEMS, Blobs.strings(s.problems));
        s.blob(Section.FORWARDINGS, s.oops.encodeForwardings());
    }

    static void writeHeader(BuildState s, long buildNanos) throws IOException {
        SaHeapLayout layout = s.in.layout();
        OopDecoder oops = s.oops;
        IndexHeader header = new IndexHeader(s.in.identity(), layout.vmRelease(), System.currentTimeMillis(),
                buildNanos / 1_000_000, s.n, s.edgeCount, s.weakPairs.length, s.metas.size(), s.roots.size(),
                oops.heapOopSize(), oops.base(), oops.shift(), layout.objectAlignment(), s.addressBase,
                s.addressShift, s.bucketShift, layout.arrayLengthOffset(), layout.mirrorKlassOffset(),
                layout.mirrorArrayKlassOffset(), s.out.end(), s.sections);
        s.out.write(0, ByteBuffer.wrap(header.encode()));
    }
}
