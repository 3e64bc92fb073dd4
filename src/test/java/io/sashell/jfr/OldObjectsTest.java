package io.sashell.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmc.common.IMCOldObject;
import org.openjdk.jmc.common.IMCOldObjectArray;
import org.openjdk.jmc.common.IMCOldObjectField;
import org.openjdk.jmc.common.IMCPackage;
import org.openjdk.jmc.common.IMCType;
import org.openjdk.jmc.common.unit.IQuantity;

import jdk.jfr.Recording;

class OldObjectsTest {
    static final List<Object[]> KEEP = new ArrayList<>();

    static final class Kept {
        final byte[] data = new byte[1000];
    }

    /** An old object as JMC gives it: the field or array slot describes the reference from its referrer. */
    private record Obj(String type, String description, IMCOldObject referrer, String field, Long index, int skip)
            implements IMCOldObject {
        @Override
        public IQuantity getAddress() {
            return null;
        }

        @Override
        public IMCType getType() {
            return new IMCType() {
                @Override
                public String getTypeName() {
                    return type;
                }

                @Override
                public IMCPackage getPackage() {
                    return null;
                }

                @Override
                public String getFullName() {
                    return type;
                }
            };
        }

        @Override
        public IMCOldObjectArray getReferrerArray() {
            return index == null ? null : new IMCOldObjectArray() {
                @Override
                public Long getSize() {
                    return 10L;
                }

                @Override
                public Long getIndex() {
                    return index;
                }
            };
        }

        @Override
        public IMCOldObjectField getReferrerField() {
            return field == null ? null : new IMCOldObjectField() {
                @Override
                public String getName() {
                    return field;
                }

                @Override
                public Integer getModifier() {
                    return 0;
                }
            };
        }

        @Override
        public int getReferrerSkip() {
            return skip;
        }

        @Override
        public String getDescription() {
            return description;
        }

        @Override
        public IMCOldObject getReferrer() {
            return referrer;
        }
    }

    @Test
    void pathsReadFromTheObjectToItsRoot() {
        Obj holder = new Obj("java.lang.Class", "Class Name: App", null, null, null, 0);
        Obj list = new Obj("java.util.ArrayList", "Size: 3", holder, "CACHE", null, 0);
        Obj array = new Obj("java.lang.Object[]", null, list, "elementData", null, 2);
        Obj leak = new Obj("App$Leak", null, array, null, 7L, 0);
        assertEquals(List.of("App$Leak", "java.lang.Object[] [7]", "... 2 objects not recorded ...",
                "java.util.ArrayList.elementData (Size: 3)", "App.CACHE (static field)"), OldObjects.path(leak));
    }

    @Test
    void longPathsAreCutInTheMiddle() {
        IMCOldObject o = new Obj("Root", null, null, null, null, 0);
        for (int i = 0; i < 20; i++) {
            o = new Obj("N" + i, null, o, "next", null, 0);
        }
        List<String> p = OldObjects.path(o);
        assertEquals(OldObjects.MAX_PATH + 1, p.size());
        assertEquals("N19", p.get(0));
        assertEquals("... 9 more steps ...", p.get(OldObjects.MAX_PATH / 2));
        assertEquals("Root.next", p.get(p.size() - 1));
    }

    private static Path recordALeak(Path file) throws IOException {
        try (Recording r = new Recording()) {
            r.enable("jdk.OldObjectSample").with("cutoff", "infinity").withStackTrace();
            r.start();
            for (int i = 0; i < 200_000; i++) {
                KEEP.add(new Object[] {new Kept()});
            }
            r.stop();
            r.dump(file);
        } finally {
            KEEP.clear();
        }
        return file;
    }

    @Test
    void samplesOfARealLeakAreGroupedByPath(@TempDir Path dir) throws IOException {
        // The JVM samples at its own pace and now and then writes no sample for one run: up to five recordings.
        LeakReport report = null;
        for (int attempt = 0; attempt < 5 && (report == null || report.samples() == 0); attempt++) {
            report = OldObjects.of(JfrRecording.load(recordALeak(dir.resolve("old-" + attempt + ".jfr"))), 5);
        }
        assertTrue(report.samples() > 0, "no old-object samples in five recordings");
        LeakReport.Group top = report.groups().get(0);
        assertEquals("byte[]", top.className());
        assertEquals("OldObjectsTest$Kept.data", top.path().get(1).replaceFirst("^io\\.sashell\\.jfr\\.", ""));
        assertTrue(top.path().contains("io.sashell.jfr.OldObjectsTest.KEEP (static field)"), top.path().toString());
        // Nearly every sample is a Kept's array; a few may be objects the JVM found no path for.
        assertTrue(top.samples() * 2 > report.samples(), top.samples() + " of " + report.samples());
        assertTrue(report.samplesWithPath() >= top.samples(), report.samplesWithPath() + " with paths");
        assertEquals(List.of(), report.allocations());
    }
}
