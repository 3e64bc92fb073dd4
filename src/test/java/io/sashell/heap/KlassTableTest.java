package io.sashell.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.sashell.sa.SaKlassField;
import io.sashell.sa.SaKlassInfo;
import io.sashell.sa.SaKlassKind;

class KlassTableTest {

    private static SaKlassInfo info(long address, SaKlassKind kind, int lh, List<SaKlassField> fields) {
        return new SaKlassInfo(address, "k" + address, kind, lh, 0, 0, 0, 0, 0, "bootstrap", 0, fields, List.of());
    }

    @Test
    void findsWhatWasAddedAcrossGrowth() {
        KlassTable t = new KlassTable();
        for (long k = 1; k <= 5000; k++) {
            assertEquals(-1, t.find(k * 8));
            t.add(k * 8, info(k * 8, SaKlassKind.INSTANCE, (int) (k % 100 + 1) * 8, List.of()));
        }
        assertEquals(5000, t.size());
        for (long k = 1; k <= 5000; k++) {
            int slot = t.find(k * 8);
            assertEquals(KlassTable.INSTANCE, t.kind(slot));
            assertEquals((int) (k % 100 + 1) * 8, t.layoutHelper(slot));
            assertEquals(k * 8, t.info(slot).address());
        }
        assertEquals(-1, t.find(5001 * 8));
    }

    @Test
    void kindsDecideHowToSize() {
        KlassTable t = new KlassTable();
        assertEquals(KlassTable.INVALID, t.kind(t.add(8, null)));
        assertNull(t.info(t.find(8)));
        assertEquals(KlassTable.ARRAY, t.kind(t.add(16, info(16, SaKlassKind.TYPE_ARRAY, 0xC0100A02, List.of()))));
        assertEquals(KlassTable.ARRAY, t.kind(t.add(24, info(24, SaKlassKind.OBJ_ARRAY, 0x80100C02, List.of()))));
        assertEquals(KlassTable.MIRROR, t.kind(t.add(32, info(32, SaKlassKind.MIRROR, 96, List.of()))));
        assertEquals(KlassTable.INSTANCE, t.kind(t.add(40, info(40, SaKlassKind.REFERENCE, 32, List.of()))));
        assertEquals(KlassTable.INSTANCE, t.kind(t.add(48, info(48, SaKlassKind.CLASS_LOADER, 96, List.of()))));
        // An instance klass without a usable layout helper cannot size objects.
        assertEquals(KlassTable.INVALID, t.kind(t.add(56, info(56, SaKlassKind.INSTANCE, 0, List.of()))));
    }

    @Test
    void stackChunksNeedTheirSizeField() {
        KlassTable t = new KlassTable();
        SaKlassInfo chunk = info(8, SaKlassKind.STACK_CHUNK, 48,
                List.of(new SaKlassField("parent", "Ljdk/internal/vm/StackChunk;", 12, "c"),
                        new SaKlassField("size", "I", 16, "c")));
        int slot = t.add(8, chunk);
        assertEquals(KlassTable.STACK_CHUNK, t.kind(slot));
        assertEquals(16, t.extra(slot));
        assertSame(chunk, t.info(slot));
        // Without the field it is sized as SA sizes it, as a plain instance.
        int plain = t.add(16, info(16, SaKlassKind.STACK_CHUNK, 48, List.of()));
        assertEquals(KlassTable.INSTANCE, t.kind(plain));
        assertEquals(-1, t.extra(plain));
    }
}
