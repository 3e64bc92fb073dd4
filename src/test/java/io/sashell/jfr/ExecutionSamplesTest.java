package io.sashell.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jdk.jfr.Recording;

class ExecutionSamplesTest {
    static volatile long sink;

    /**
     * Keeps a CPU busy in a method with a name to find, for {@code nanos} of this thread's CPU time (not wall
     * time: on a loaded machine the thread must still run long enough to be sampled).
     */
    static void spinForSamples(long nanos) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long end = mx.getCurrentThreadCpuTime() + nanos;
        long x = 0;
        while (mx.getCurrentThreadCpuTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x += i * 31L ^ x;
            }
        }
        sink = x;
    }

    @Test
    void theBusyMethodIsOnTopAndItsThreadIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cpu.jfr");
        Thread t = new Thread(() -> spinForSamples(1_000_000_000L), "spinner");
        try (Recording r = new Recording()) {
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            r.start();
            t.start();
            t.join();
            r.stop();
            r.dump(file);
        }
        HotMethodsReport report = ExecutionSamples.of(JfrRecording.load(file), 5);
        assertTrue(report.samples() >= 10, "samples: " + report.samples());
        assertEquals(report.samples(), TestRecordings.jdkCounts(file).get("jdk.ExecutionSample"));
        assertEquals("io.sashell.jfr.ExecutionSamplesTest.spinForSamples(long)", report.methods().get(0).method());
        HotMethodsReport.ThreadSamples top = report.threads().get(0);
        assertEquals("spinner", top.thread());
        assertEquals("io.sashell.jfr.ExecutionSamplesTest.spinForSamples(long)", top.topMethod());
    }

    @Test
    void aRecordingWithoutSamples(@TempDir Path dir) throws IOException {
        HotMethodsReport report = ExecutionSamples.of(JfrRecording.load(TestRecordings.record(dir.resolve("r.jfr"),
                1)), 5);
        assertEquals(0, report.samples());
        assertEquals(java.util.List.of(), report.methods());
    }
}
