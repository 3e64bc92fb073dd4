package io.sashell.sa;

/**
 * Kinds of GC roots, named as Eclipse MAT names them where it has a name. {@code CONSERVATIVE} roots are words
 * on a thread's stack that point at an object start, where no precise frame walk was possible: possibly stale.
 */
public enum RootKind {
    /** A thread's java.lang.Thread object. */
    THREAD_OBJECT("Thread"),
    /** A local variable or operand-stack slot of a Java frame (interpreted or compiled, from SA's oop maps). */
    JAVA_LOCAL("Java Local"),
    /** A JNI local reference of a thread. */
    JNI_LOCAL("JNI Local"),
    /** A JNI global reference. */
    JNI_GLOBAL("JNI Global"),
    /** The mirror of a class loaded by the boot loader. */
    SYSTEM_CLASS("System Class"),
    /** A class loader the VM keeps alive (its class loader data is strong). */
    CLASS_LOADER("Class Loader"),
    /** An object whose monitor is held (inflated monitor, lock stack, or vframe monitor). */
    BUSY_MONITOR("Busy Monitor"),
    /** An object in one of the VM's own strong OopStorages (VM global, JVMTI, thread service, ...). */
    VM_INTERNAL("VM Internal"),
    /** A word on a thread's stack that points at an object start (no precise frame walk there). */
    CONSERVATIVE("Conservative Stack"),
    /** A root SA reports without a precise kind. */
    UNKNOWN("Unknown");

    private final String label;

    RootKind(String label) {
        this.label = label;
    }

    /** MAT's name for the kind. */
    public String label() {
        return label;
    }
}
