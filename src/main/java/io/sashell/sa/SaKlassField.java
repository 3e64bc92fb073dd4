package io.sashell.sa;

import java.util.Objects;

/**
 * A Java field of a class: {@code offset} is from the start of the object for instance fields, and from the
 * start of the class's {@code java.lang.Class} instance for static fields.
 *
 * @param signature the field's type descriptor, e.g. {@code I}, {@code Ljava/lang/String;}, {@code [J}
 * @param holder    the declaring class, spelled with dots
 */
public record SaKlassField(String name, String signature, long offset, String holder) {

    public SaKlassField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(holder, "holder");
    }

    /** True for reference fields (objects and arrays), which hold an oop. */
    public boolean isReference() {
        return !signature.isEmpty() && (signature.charAt(0) == 'L' || signature.charAt(0) == '[');
    }

    /** The field's type as Java source spells it: {@code int}, {@code java.lang.String}, {@code long[]}. */
    public String typeName() {
        return descriptorToTypeName(signature);
    }

    static String descriptorToTypeName(String descriptor) {
        int dims = 0;
        while (dims < descriptor.length() && descriptor.charAt(dims) == '[') {
            dims++;
        }
        String element = descriptor.substring(dims);
        String base = switch (element) {
            case "Z" -> "boolean";
            case "B" -> "byte";
            case "C" -> "char";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            case "F" -> "float";
            case "D" -> "double";
            case "V" -> "void";
            default -> element.startsWith("L") && element.endsWith(";")
                    ? element.substring(1, element.length() - 1).replace('/', '.')
                    : element;
        };
        return base + "[]".repeat(dims);
    }
}
