package io.sashell.sa;

import sun.jvm.hotspot.oops.ArrayKlass;
import sun.jvm.hotspot.oops.InstanceKlass;
import sun.jvm.hotspot.oops.Klass;
import sun.jvm.hotspot.oops.ObjArrayKlass;
import sun.jvm.hotspot.oops.Oop;
import sun.jvm.hotspot.oops.TypeArrayKlass;

/** Class names spelled as jhsdb's {@code jhisto} spells them, and class loaders as users know them. */
final class SaKlassNames {
    private SaKlassNames() {
    }

    static String name(Klass k) {
        if (k instanceof InstanceKlass) {
            return SaSymbols.text(k.getName()).replace('/', '.');
        }
        if (k instanceof TypeArrayKlass) {
            return ((TypeArrayKlass) k).getElementTypeName() + "[]";
        }
        if (k instanceof ObjArrayKlass) {
            ObjArrayKlass oak = (ObjArrayKlass) k;
            Klass bottom = oak.getBottomKlass();
            StringBuilder b = new StringBuilder(name(bottom).replace("[]", ""));
            for (long i = 0; i < oak.getDimension(); i++) {
                b.append("[]");
            }
            return b.toString();
        }
        return SaSymbols.text(k.getName());
    }

    /** The class loader oop of a class (of an array's bottom class), 0 for the boot loader. */
    static Oop loader(Klass k) {
        Klass owner = k instanceof ObjArrayKlass ? ((ObjArrayKlass) k).getBottomKlass() : k;
        if (owner instanceof ArrayKlass) {
            return null;
        }
        try {
            return owner.getClassLoader();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String loaderName(Oop loader) {
        if (loader == null) {
            return "bootstrap";
        }
        return name(loader.getKlass()) + String.format("@0x%x", SaAddresses.of(loader.getHandle()));
    }
}
