package io.sashell.export;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import io.sashell.sa.FrameFacts;
import io.sashell.sa.GcRoot;
import io.sashell.sa.RootKind;
import io.sashell.sa.StackFacts;

/**
 * The threads' part of an hprof file: a STACK TRACE per thread (thread serials count from 1 in the order of the
 * stacks, trace serials are the thread serial plus one, trace 1 being the empty trace of objects), and the GC
 * root sub-records, which name their thread by its serial.
 */
final class HprofThreads {
    static final int TAG_STACK_FRAME = 0x04;
    static final int TAG_STACK_TRACE = 0x05;

    static final int ROOT_UNKNOWN = 0xFF;
    static final int ROOT_JNI_GLOBAL = 0x01;
    static final int ROOT_JNI_LOCAL = 0x02;
    static final int ROOT_JAVA_FRAME = 0x03;
    static final int ROOT_STICKY_CLASS = 0x05;
    static final int ROOT_THREAD_BLOCK = 0x06;
    static final int ROOT_MONITOR_USED = 0x07;
    static final int ROOT_THREAD_OBJ = 0x08;

    /** Stack trace serial of objects and classes (no allocation site known): an empty trace. */
    static final int EMPTY_TRACE = 1;
    private static final String UNKNOWN_SOURCE = "Unknown Source";

    private final HprofOutput out;
    private final Map<Long, Integer> threadSerials = new HashMap<>();

    HprofThreads(HprofOutput out) {
        this.out = out;
    }

    /**
     * Writes the empty trace and a trace of each thread's Java frames, top frame first.
     *
     * @param strings     the id of a string, its UTF8 record written on first use
     * @param classSerial the LOAD CLASS serial of a class by name, 0 when unknown
     */
    void traces(List<StackFacts> stacks, ToLongFunction<String> strings, ToLongFunction<String> classSerial) {
        out.record(TAG_STACK_TRACE, 12);
        out.u4(EMPTY_TRACE);
        out.u4(0);
        out.u4(0);
        long unknownSource = strings.applyAsLong(UNKNOWN_SOURCE);
        long nextFrame = 1;
        int threadSerial = 1;
        for (StackFacts s : stacks) {
            long obj = s.thread().threadObjectAddress();
            if (obj != 0) {
                threadSerials.putIfAbsent(obj, threadSerial);
            }
            long firstFrame = nextFrame;
            for (FrameFacts f : s.frames()) {
                long name = strings.applyAsLong(f.methodName());
                long sig = strings.applyAsLong(f.signature());
                out.record(TAG_STACK_FRAME, 8 * 4 + 4 + 4);
                out.id(nextFrame++);
                out.id(name);
                out.id(sig);
                out.id(unknownSource);
                out.u4((int) classSerial.applyAsLong(f.className()));
                out.u4(f.line() > 0 ? f.line() : f.kind().equals("native") ? -3
                        : f.kind().equals("compiled") ? -2 : -1);
            }
            int frames = s.frames().size();
            out.record(TAG_STACK_TRACE, 12 + 8 * frames);
            out.u4(traceSerial(threadSerial));
            out.u4(threadSerial);
            out.u4(frames);
            for (int i = 0; i < frames; i++) {
                out.id(firstFrame + i);
            }
            threadSerial++;
        }
    }

    private static int traceSerial(int threadSerial) {
        return threadSerial + EMPTY_TRACE;
    }

    /** The root sub-record of a root SA named. */
    void root(GcRoot r) {
        int thread = threadSerials.getOrDefault(r.threadObject(), 0);
        switch (r.kind()) {
            case THREAD_OBJECT -> {
                int serial = threadSerials.getOrDefault(r.object(), 0);
                out.sub(17);
                out.u1(ROOT_THREAD_OBJ);
                out.id(r.object());
                out.u4(serial);
                out.u4(serial == 0 ? EMPTY_TRACE : traceSerial(serial));
            }
            case JAVA_LOCAL, JNI_LOCAL -> {
                out.sub(17);
                out.u1(r.kind() == RootKind.JAVA_LOCAL ? ROOT_JAVA_FRAME : ROOT_JNI_LOCAL);
                out.id(r.object());
                out.u4(thread);
                out.u4(-1);
            }
            case JNI_GLOBAL -> {
                out.sub(17);
                out.u1(ROOT_JNI_GLOBAL);
                out.id(r.object());
                out.id(0);
            }
            case CONSERVATIVE -> conservative(r.object(), r.threadObject());
            case SYSTEM_CLASS, BUSY_MONITOR -> {
                out.sub(9);
                out.u1(r.kind() == RootKind.SYSTEM_CLASS ? ROOT_STICKY_CLASS : ROOT_MONITOR_USED);
                out.id(r.object());
            }
            default -> {
                out.sub(9);
                out.u1(ROOT_UNKNOWN);
                out.id(r.object());
            }
        }
    }

    /**
     * A conservative root (a stack word or register of the thread that is an object start): hprof has no kind for
     * "possibly stale", and "thread block" (held by the thread, no frame known) is the closest that names the
     * thread; MAT and VisualVM treat it as a GC root like the others.
     */
    void conservative(long object, long threadObject) {
        out.sub(13);
        out.u1(ROOT_THREAD_BLOCK);
        out.id(object);
        out.u4(threadSerials.getOrDefault(threadObject, 0));
    }
}
