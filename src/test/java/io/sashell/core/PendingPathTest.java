package io.sashell.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The temporary file output goes through (redact, export, report, bundle): private, and gone unless moved. */
class PendingPathTest {
    @TempDir
    Path dir;

    @Test
    void fileBesideTheTargetIsPrivateAndLeavesNothingUnlessMoved() throws IOException {
        Path target = dir.resolve("redacted.core");
        try (PendingPath p = PendingPath.besideTarget(target, ".partial")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p.path())));
            assertTrue(p.path().getFileName().toString().startsWith(".redacted.core."));
            assertTrue(p.path().getFileName().toString().endsWith(".partial"));
            assertEquals(dir, p.path().getParent());
            Files.writeString(p.path(), "partial");
        }
        assertFalse(Files.exists(target));
        assertEquals(0, count());
        try (PendingPath p = PendingPath.besideTarget(target, ".partial")) {
            Files.writeString(p.path(), "done");
            p.moveTo(target);
        }
        assertEquals("done", Files.readString(target));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertEquals(1, count());
    }

    @Test
    void moveReplacesWhatIsThere() throws IOException {
        Path target = dir.resolve("out.hprof");
        Files.writeString(target, "old");
        try (PendingPath p = PendingPath.besideTarget(target, ".part")) {
            Files.writeString(p.path(), "new");
            p.moveTo(target);
        }
        assertEquals("new", Files.readString(target));
        assertEquals(1, count());
    }

    private long count() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }
}
