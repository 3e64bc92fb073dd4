package io.sashell.sa;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Proxy;

import sun.jvm.hotspot.code.CodeBlob;
import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.runtime.AddressVisitor;
import sun.jvm.hotspot.runtime.Frame;
import sun.jvm.hotspot.runtime.RegisterMap;
import sun.jvm.hotspot.runtime.VM;

/**
 * The SA calls the root walks need that the compiler cannot see or that may differ between SA versions: the
 * classes are compiled once against SA 17 and must run against SA 25 as well. Each lookup happens once, on first
 * use (after SA is attached); where it fails, the walks fall back to the plain SA call.
 */
final class SaRootCompat {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final CompiledOopMaps OOP_MAPS = CompiledOopMaps.lookUp();

    private SaRootCompat() {
    }

    /**
     * The oop slots of a compiled frame from its oop map, narrow ones through
     * {@link AddressVisitor#visitCompOopAddress}. Unlike {@code Frame.oopsDo}, derived pointers are skipped
     * (their base oop is in the same map): SA asserts on them unless a system property was set before it was
     * loaded. Falls back to {@code Frame.oopsDo} where SA's compiler package is not exported to us.
     */
    static void compiledOopsDo(Frame frame, RegisterMap map, AddressVisitor visitor) {
        if (OOP_MAPS == null) {
            frame.oopsDo(visitor, map);
            return;
        }
        OOP_MAPS.oopsDo(frame, map, visitor);
    }

    /** True when compiled frames are walked through the oop map proxy (derived pointers skipped). */
    static boolean walksOopMapsItself() {
        return OOP_MAPS != null;
    }

    /** {@code ImmutableOopMapSet.allDo} with an {@code OopMapVisitor} made as a proxy. */
    private static final class CompiledOopMaps {
        private final Class<?> visitorType;
        private final MethodHandle getOopMaps;
        private final MethodHandle allDo;

        private CompiledOopMaps(Class<?> visitorType, MethodHandle getOopMaps, MethodHandle allDo) {
            this.visitorType = visitorType;
            this.getOopMaps = getOopMaps;
            this.allDo = allDo;
        }

        static CompiledOopMaps lookUp() {
            try {
                // Not initialised here: SA's static initialisers need an attached VM.
                ClassLoader sa = CodeBlob.class.getClassLoader();
                Class<?> visitorType = Class.forName("sun.jvm.hotspot.compiler.OopMapVisitor", false, sa);
                Class<?> setType = Class.forName("sun.jvm.hotspot.compiler.ImmutableOopMapSet", false, sa);
                MethodHandle getOopMaps = LOOKUP.findVirtual(CodeBlob.class, "getOopMaps",
                        MethodType.methodType(setType));
                MethodHandle allDo = LOOKUP.findStatic(setType, "allDo", MethodType.methodType(void.class,
                        Frame.class, CodeBlob.class, RegisterMap.class, visitorType, boolean.class));
                return new CompiledOopMaps(visitorType, getOopMaps, allDo);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;
            }
        }

        void oopsDo(Frame frame, RegisterMap map, AddressVisitor visitor) {
            CodeBlob cb = VM.getVM().getCodeCache().findBlob(frame.getPC());
            if (cb == null) {
                throw new IllegalStateException("no code blob at the frame's pc");
            }
            Object proxy;
            try {
                if (getOopMaps.invoke(cb) == null) {
                    return;
                }
                proxy = Proxy.newProxyInstance(SaRootCompat.class.getClassLoader(), new Class<?>[] {visitorType},
                        (p, method, args) -> {
                            switch (method.getName()) {
                                case "visitOopLocation":
                                    visitor.visitAddress((Address) args[0]);
                                    return null;
                                case "visitNarrowOopLocation":
                                    visitor.visitCompOopAddress((Address) args[0]);
                                    return null;
                                case "visitDerivedOopLocation":
                                    return null;
                                case "hashCode":
                                    return System.identityHashCode(p);
                                case "equals":
                                    return p == args[0];
                                default:
                                    return "OopMapVisitor";
                            }
                        });
            } catch (IllegalArgumentException e) {
                // The proxy cannot implement an interface of a package exported to the unnamed module only.
                frame.oopsDo(visitor, map);
                return;
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            try {
                allDo.invoke(frame, cb, map, proxy, true);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
