package io.sashell.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveProcessTest {
    @TempDir
    Path tmp;

    @Test
    void thisTestJvmIsAJavaVmWithItsSizes() throws Exception {
        LiveProcess me = LiveProcess.of(ProcessHandle.current().pid());
        assertTrue(me.javaVm());
        assertEquals("java", me.name());
        assertTrue(me.vmSizeBytes() > me.rssBytes() && me.rssBytes() > 0, me.toString());
        assertTrue(Optional.of('R').equals(LiveProcess.state(me.pid())) || Optional.of('S').equals(LiveProcess.state(me.pid())));
    }

    @Test
    void aProcessWithoutLibjvmIsNoJavaVm() throws Exception {
        Path proc = tmp.resolve("proc");
        Files.createDirectories(proc.resolve("77"));
        Files.writeString(proc.resolve("77/status"), "Name:\tsleep\nVmSize:\t    8000 kB\nVmRSS:\t    1000 kB\n");
        Files.writeString(proc.resolve("77/maps"), "55d0-55e0 r-xp 00000000 08:01 1 /usr/bin/sleep\n");
        assertEquals(new LiveProcess(77, "sleep", false, 8000 * 1024L, 1000 * 1024L), LiveProcess.of(proc, 77));
        Files.writeString(proc.resolve("77/maps"), "7f00-7f10 r-xp 00000000 08:01 2 /opt/jdk/lib/server/libjvm.so\n");
        assertTrue(LiveProcess.of(proc, 77).javaVm());
        assertEquals("no process 78", assertThrows(CaptureException.class, () -> LiveProcess.of(proc, 78)).getMessage());
        assertEquals("no process -1", assertThrows(CaptureException.class, () -> LiveProcess.of(-1)).getMessage());
        assertFalse(LiveProcess.isAlive(Integer.MAX_VALUE));
        assertEquals(Optional.empty(), LiveProcess.state(Integer.MAX_VALUE));
    }

    @Test
    void gdbOutputBecomesOneReason() throws Exception {
        Path log = tmp.resolve("gcore.log");
        Files.write(log, List.of("ptrace: Operation not permitted.", "You can't do that without a process to debug.",
                "The program is not being run.", "gcore: failed to create core.1"));
        assertTrue(Gcore.reason(log).startsWith("ptrace is not permitted (run as root or as the process's user;"));
        Files.write(log, List.of("[New LWP 5]", "warning: something", "gcore: failed to create /x/core.5"));
        assertEquals("gcore: failed to create /x/core.5", Gcore.reason(log));
        assertEquals("no output", Gcore.reason(tmp.resolve("none")));
    }
}
