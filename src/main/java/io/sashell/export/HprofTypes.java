package io.sashell.export;

import io.sashell.sa.SaKlassInfo;

/**
 * hprof's basic types of fields (the numbers of HotSpot's BasicType), their sizes in a record, and class names as
 * hprof spells them.
 */
final class HprofTypes {
    static final int T_OBJECT = 2;

    private HprofTypes() {
    }

    /** The hprof basic type of a field descriptor (the same numbers as HotSpot's BasicType). */
    static int type(String signature) {
        return switch (signature.charAt(0)) {
            case 'Z' -> 4;
            case 'C' -> 5;
            case 'F' -> 6;
            case 'D' -> 7;
            case 'B' -> 8;
            case 'S' -> 9;
            case 'I' -> 10;
            case 'J' -> 11;
            default -> T_OBJECT;
        };
    }

    /** The bytes a value of hprof basic type {@code type} takes in a record (ids are 8 bytes). */
    static int size(int type) {
        return switch (type) {
            case 4, 8 -> 1;
            case 5, 9 -> 2;
            case 6, 10 -> 4;
            default -> 8;
        };
    }

    /** The class's name as the JVM spells it inside: {@code java/lang/String}, {@code [I}, {@code [[Ljava/lang/Object;}. */
    static String binaryName(SaKlassInfo info) {
        String name = info.name();
        if (!info.kind().isArray()) {
            return name.replace('.', '/');
        }
        int dims = 0;
        while (name.endsWith("[]")) {
            name = name.substring(0, name.length() - 2);
            dims++;
        }
        String element = switch (name) {
            case "boolean" -> "Z";
            case "char" -> "C";
            case "float" -> "F";
            case "double" -> "D";
            case "byte" -> "B";
            case "short" -> "S";
            case "int" -> "I";
            case "long" -> "J";
            default -> "L" + name.replace('.', '/') + ";";
        };
        return "[".repeat(dims) + element;
    }
}
