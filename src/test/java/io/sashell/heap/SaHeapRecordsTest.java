package io.sashell.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.sashell.sa.SaHeapCompression;
import io.sashell.sa.SaHeapRange;
import io.sashell.sa.SaKlassField;
import io.sashell.sa.SaKlassInfo;
import io.sashell.sa.SaKlassKind;

/** The records SA metadata comes in: what they derive, and what they refuse. */
class SaHeapRecordsTest {

    @Test
    void fieldTypesAsJavaSpellsThem() {
        assertEquals("int", new SaKlassField("a", "I", 12, "X").typeName());
        assertEquals("java.lang.String", new SaKlassField("a", "Ljava/lang/String;", 12, "X").typeName());
        assertEquals("long[][]", new SaKlassField("a", "[[J", 12, "X").typeName());
        assertEquals("java.util.Map$Entry[]", new SaKlassField("a", "[Ljava/util/Map$Entry;", 12, "X").typeName());
        assertTrue(new SaKlassField("a", "[I", 12, "X").isReference());
        assertTrue(new SaKlassField("a", "Ljava/lang/Object;", 12, "X").isReference());
        assertFalse(new SaKlassField("a", "Z", 12, "X").isReference());
    }

    @Test
    void layoutHelperParts() {
        SaKlassInfo longs = new SaKlassInfo(8, "long[]", SaKlassKind.TYPE_ARRAY, 0xC0100B03, 11, 0, 1, 16, 0,
                "bootstrap", 0, List.of(), List.of());
        assertEquals(16, longs.arrayHeaderSize());
        assertEquals(3, longs.log2ElementSize());
        assertEquals("long", longs.elementTypeName());
        SaKlassInfo item = new SaKlassInfo(8, "x.Item", SaKlassKind.INSTANCE, 25, 0, 0, 0, 16, 0, "bootstrap", 0,
                List.of(new SaKlassField("id", "I", 12, "x.Item"), new SaKlassField("next", "Lx/Item;", 16, "x.Item")),
                List.of(new SaKlassField("ALL", "Ljava/util/List;", 112, "x.Item")));
        assertEquals(24, item.instanceSize());
        assertEquals(List.of("next"), item.referenceFields().stream().map(SaKlassField::name).toList());
        assertEquals(List.of("ALL"), item.staticReferenceFields().stream().map(SaKlassField::name).toList());
        assertEquals("", item.elementTypeName());
    }

    @Test
    void compressionDecodesNarrowValues() {
        SaHeapCompression c = SaHeapCompression.of(0x8_0000_0000L, 3);
        assertEquals(0, c.decode(0));
        assertEquals(0x8_0000_0008L, c.decode(1));
        assertEquals(0x8_0000_0000L + (0xFFFF_FFFFL << 3), c.decode(0xFFFF_FFFFL));
        assertFalse(SaHeapCompression.off().enabled());
    }

    @Test
    void rangesMustBeInOrder() {
        assertThrows(IllegalArgumentException.class,
                () -> new SaHeapRange(0x2000, 0x1000, 0x3000, SaHeapRange.Type.OLD, -1, "old"));
        assertThrows(IllegalArgumentException.class,
                () -> new SaHeapRange(0x1000, 0x3000, 0x2000, SaHeapRange.Type.OLD, -1, "old"));
        assertEquals(0x1000, new SaHeapRange(0x1000, 0x2000, 0x2000, SaHeapRange.Type.OLD, -1, "old").usedBytes());
    }

    @Test
    void layoutDerivedSizes() {
        FakeHeap ccp = new FakeHeap(64);
        assertEquals(12, ccp.layout().instanceHeaderSize());
        assertEquals(24, ccp.layout().alignObjectSize(17));
        assertEquals(16, new FakeHeap(64, false, false).layout().instanceHeaderSize());
        assertEquals(8, new FakeHeap(64, true, true).layout().instanceHeaderSize());
    }
}
