package io.sashell.sa;

import java.util.List;
import java.util.Objects;

/**
 * What the heap walker and the object inspector need to know about one Klass.
 *
 * @param address         the Klass's address in the VM (the value object headers point to)
 * @param name            as jhsdb's jhisto prints it: {@code java.lang.String}, {@code byte[]},
 *                        {@code java.lang.Object[][]}, hidden classes with their {@code +0x…} suffix
 * @param layoutHelper    HotSpot's {@code Klass::_layout_helper}: the instance size in bytes (low bit: slow
 *                        path) for instances; for arrays tag, header size, element type and log2 element size
 * @param elementType     for type arrays the element's HotSpot BasicType ({@code T_BOOLEAN} 4 … {@code T_LONG}
 *                        11), else 0
 * @param elementKlass    for object arrays the element Klass, else 0
 * @param dimension       for arrays the number of dimensions, else 0
 * @param superKlass      the super Klass, 0 for {@code java.lang.Object} and interfaces' roots
 * @param classLoader     the defining loader's oop, 0 for the boot loader
 * @param classLoaderName {@code bootstrap}, or the loader's class and address ({@code x.Loader@0x…})
 * @param javaMirror      the {@code java.lang.Class} instance of this class, 0 when SA found none
 * @param instanceFields  every instance field, inherited ones first (super's before sub's)
 * @param staticFields    the static fields this class declares (offsets are into {@code javaMirror})
 * @param vmReferenceFields the reference slots of an instance that the VM scans (its nonstatic oop maps) and
 *                        that no Java field declares: fields the VM injects (a mirror's
 *                        {@code protection_domain}, a ResolvedMethodName's {@code vmholder}...), by their VM
 *                        name where SA knows it; empty for arrays
 */
public record SaKlassInfo(
        long address,
        String name,
        SaKlassKind kind,
        int layoutHelper,
        int elementType,
        long elementKlass,
        int dimension,
        long superKlass,
        long classLoader,
        String classLoaderName,
        long javaMirror,
        List<SaKlassField> instanceFields,
        List<SaKlassField> staticFields,
        List<SaKlassField> vmReferenceFields) {

    public SaKlassInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(classLoaderName, "classLoaderName");
        instanceFields = List.copyOf(instanceFields);
        staticFields = List.copyOf(staticFields);
        vmReferenceFields = List.copyOf(vmReferenceFields);
    }

    /** A class whose instances hold no reference the VM injects. */
    public SaKlassInfo(long address, String name, SaKlassKind kind, int layoutHelper, int elementType,
                       long elementKlass, int dimension, long superKlass, long classLoader, String classLoaderName,
                       long javaMirror, List<SaKlassField> instanceFields, List<SaKlassField> staticFields) {
        this(address, name, kind, layoutHelper, elementType, elementKlass, dimension, superKlass, classLoader,
                classLoaderName, javaMirror, instanceFields, staticFields, List.of());
    }

    /** Instance size in bytes for instance kinds (layout helper without its slow-path bit). */
    public long instanceSize() {
        return (layoutHelper >> 3) << 3;
    }

    /** Bytes before an array's first element. */
    public int arrayHeaderSize() {
        return (layoutHelper >> 16) & 0xFF;
    }

    /** log2 of the size of an array's elements. */
    public int log2ElementSize() {
        return layoutHelper & 0xFF;
    }

    /** For type arrays the Java name of the element type ({@code byte}, {@code int}, …), else empty. */
    public String elementTypeName() {
        return switch (elementType) {
            case 4 -> "boolean";
            case 5 -> "char";
            case 6 -> "float";
            case 7 -> "double";
            case 8 -> "byte";
            case 9 -> "short";
            case 10 -> "int";
            case 11 -> "long";
            default -> "";
        };
    }

    /** The instance fields holding references. */
    public List<SaKlassField> referenceFields() {
        return instanceFields.stream().filter(SaKlassField::isReference).toList();
    }

    /** The static fields holding references. */
    public List<SaKlassField> staticReferenceFields() {
        return staticFields.stream().filter(SaKlassField::isReference).toList();
    }
}
