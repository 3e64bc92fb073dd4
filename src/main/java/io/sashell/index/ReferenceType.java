package io.sashell.index;

/**
 * The strength of a {@code java.lang.ref.Reference} subclass's {@code referent}: its edge is weak, and paths
 * leave it out unless asked ({@code --weak}), as MAT's "exclude weak/soft references" does.
 */
public enum ReferenceType {
    /** Not a Reference class. */
    NONE(""),
    SOFT("soft"),
    WEAK("weak"),
    PHANTOM("phantom"),
    /** {@code java.lang.ref.FinalReference}: the finalizer's hold on an object with a finalize method. */
    FINAL("final");

    private final String label;

    ReferenceType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The reference type of the class {@code name} itself, or NONE when it is not one of the four bases. */
    static ReferenceType ofBaseClass(String name) {
        return switch (name) {
            case "java.lang.ref.SoftReference" -> SOFT;
            case "java.lang.ref.WeakReference" -> WEAK;
            case "java.lang.ref.PhantomReference" -> PHANTOM;
            case "java.lang.ref.FinalReference" -> FINAL;
            default -> NONE;
        };
    }
}
