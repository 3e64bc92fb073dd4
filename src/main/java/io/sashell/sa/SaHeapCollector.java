package io.sashell.sa;

/** The garbage collector whose heap a core holds, as SA's {@code CollectedHeap.kind()} names it. */
public enum SaHeapCollector {
    SERIAL, PARALLEL, G1, Z, SHENANDOAH, EPSILON, OTHER;

    static SaHeapCollector fromSaKind(String kind) {
        return switch (kind) {
            case "Serial" -> SERIAL;
            case "Parallel" -> PARALLEL;
            case "G1" -> G1;
            case "Z" -> Z;
            case "Shenandoah" -> SHENANDOAH;
            case "Epsilon" -> EPSILON;
            default -> OTHER;
        };
    }
}
