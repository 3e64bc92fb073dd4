package io.sashell.redact;

import java.util.Locale;

/** What a zeroed range of the core was: the rows of the redaction report. */
public enum RegionKind {
    ARRAY_CONTENTS("heap: contents of primitive arrays (strings, char[], byte[], buffers, big numbers)"),
    INSTANCE_FIELDS("heap: primitive fields of instances"),
    STATIC_FIELDS("heap: primitive static fields"),
    TLAB_UNUSED("heap: unused ends of thread-local allocation buffers"),
    SPACE_UNUSED("heap: unused part of spaces and regions above their top"),
    FREE_REGIONS("heap: free regions"),
    OUTSIDE_SPACES("heap: memory outside every walked space (empty survivor space, unused gaps)"),
    UNWALKABLE("heap: stretches the walk could not parse"),
    PROCESS_STRINGS("main stack top: arguments, environment, exec path, random bytes"),
    DEAD_STACK("thread stacks below the stack pointer"),
    COMMAND_LINE_COPIES("native copies of the arguments and environment values"),
    RECORDER_STRINGS("Flight Recorder buffers: arguments, environment values and thread names as JFR strings"),
    DIRECT_BUFFERS("memory of direct buffers"),
    PERF_DATA("hsperfdata mapping (perf counters: command line, flags)"),
    NATIVE_UNREAD("native memory SA does not read"),
    PSARGS("note: process arguments (NT_PRPSINFO)"),
    VECTOR_REGISTERS("note: floating point and vector registers"),
    GENERAL_REGISTERS("note: general registers other than rip, rsp and rbp");

    private final String description;

    RegionKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The kind's name in reports: lowercase with dashes, e.g. {@code array-contents}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
