package io.sashell.sa;

/** The C++ class of a Klass, which decides how the size of its instances is computed. */
public enum SaKlassKind {
    /** Plain {@code InstanceKlass}: size from the layout helper. */
    INSTANCE,
    /** {@code InstanceMirrorKlass} ({@code java.lang.Class}): size from the instance's oop_size field. */
    MIRROR,
    /** {@code InstanceStackChunkKlass} (JDK 19+): size from the chunk's stack size. */
    STACK_CHUNK,
    /** {@code InstanceRefKlass}: soft, weak, phantom references and finalizers. */
    REFERENCE,
    /** {@code InstanceClassLoaderKlass}: class loaders. */
    CLASS_LOADER,
    /** {@code TypeArrayKlass}: arrays of a primitive type. */
    TYPE_ARRAY,
    /** {@code ObjArrayKlass}: arrays of references. */
    OBJ_ARRAY;

    public boolean isArray() {
        return this == TYPE_ARRAY || this == OBJ_ARRAY;
    }
}
