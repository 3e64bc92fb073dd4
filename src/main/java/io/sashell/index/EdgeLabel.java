package io.sashell.index;

import java.util.Objects;

/**
 * Where one object holds a reference to another: a field (declared, or injected by the VM), a static field (of
 * the class a mirror stands for),
 * an array slot, a Reference's referent, or one of the VM's hidden references that no field shows.
 *
 * @param holder        the class declaring the field, the array's class, or the class concerned by a hidden
 *                      reference
 * @param name          the field's name (empty for slots and hidden references)
 * @param index         the array slot, else -1
 * @param referenceType for {@link Kind#REFERENT} the strength of the reference, else NONE
 */
public record EdgeLabel(Kind kind, String holder, String name, long index, ReferenceType referenceType) {

    /** What holds the reference. */
    public enum Kind {
        /** An instance field. */
        FIELD,
        /**
         * A reference field the VM injects into a class (a mirror's {@code protection_domain}, a
         * ResolvedMethodName's {@code vmholder}): in the class's oop maps, in no Java field list.
         */
        VM_FIELD,
        /** A static field; the source is the class's {@code java.lang.Class} mirror. */
        STATIC_FIELD,
        /** A slot of an object array. */
        ARRAY_ELEMENT,
        /** The {@code referent} of a soft, weak, phantom or final reference: a weak edge. */
        REFERENT,
        /** Hidden: every object holds its class's mirror (through its klass). */
        CLASS,
        /** Hidden: a mirror holds the loader that defined its class. */
        LOADER,
        /** Hidden: a class loader holds the mirrors of the classes it defined (its class loader data). */
        DEFINES,
        /**
         * A word in the frames of a parked virtual thread (a {@code jdk.internal.vm.StackChunk}) that points at an
         * object: read conservatively, so possibly a dead slot; {@code index} is the word's offset in the stack.
         */
        STACK_WORD
    }

    public EdgeLabel {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(referenceType, "referenceType");
    }

    static EdgeLabel field(String holder, String name) {
        return new EdgeLabel(Kind.FIELD, holder, name, -1, ReferenceType.NONE);
    }

    static EdgeLabel vmField(String holder, String name) {
        return new EdgeLabel(Kind.VM_FIELD, holder, name, -1, ReferenceType.NONE);
    }

    static EdgeLabel staticField(String holder, String name) {
        return new EdgeLabel(Kind.STATIC_FIELD, holder, name, -1, ReferenceType.NONE);
    }

    static EdgeLabel element(String arrayClass, long index) {
        return new EdgeLabel(Kind.ARRAY_ELEMENT, arrayClass, "", index, ReferenceType.NONE);
    }

    static EdgeLabel referent(String holder, ReferenceType type) {
        return new EdgeLabel(Kind.REFERENT, holder, "referent", -1, type);
    }

    static EdgeLabel stackWord(String chunkClass, long word) {
        return new EdgeLabel(Kind.STACK_WORD, chunkClass, "", word, ReferenceType.NONE);
    }

    static EdgeLabel hidden(Kind kind, String klass) {
        return new EdgeLabel(kind, klass, "", -1, ReferenceType.NONE);
    }

    /** True for references the VM keeps that no Java field shows. */
    public boolean isHidden() {
        return kind == Kind.CLASS || kind == Kind.LOADER || kind == Kind.DEFINES || kind == Kind.STACK_WORD;
    }

    public boolean isWeak() {
        return kind == Kind.REFERENT;
    }

    /**
     * As paths print it: {@code java.util.ArrayList.elementData}, {@code static LeakyServer.REQUESTS},
     * {@code java.lang.Object[][17]}, {@code java.lang.ref.Reference.referent (weak)}, {@code (class of)}.
     */
    public String describe() {
        return switch (kind) {
            case FIELD -> holder + "." + name;
            case VM_FIELD -> holder + "." + name + " (injected by the VM)";
            case STATIC_FIELD -> "static " + holder + "." + name;
            case ARRAY_ELEMENT -> holder + "[" + index + "]";
            case REFERENT -> holder + ".referent (" + referenceType.label() + ")";
            case CLASS -> "(class) " + holder;
            case LOADER -> "(class loader of) " + holder;
            case DEFINES -> "(class defined by the loader) " + holder;
            case STACK_WORD -> "(word " + index + " of a virtual thread's stack)";
        };
    }
}
