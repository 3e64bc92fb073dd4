package io.sashell.sa;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.debugger.JVMDebugger;
import sun.jvm.hotspot.gc.shared.CollectedHeap;
import sun.jvm.hotspot.gc.shared.LiveRegionsProvider;
import sun.jvm.hotspot.memory.MemRegion;
import sun.jvm.hotspot.oops.ArrayKlass;
import sun.jvm.hotspot.oops.InstanceClassLoaderKlass;
import sun.jvm.hotspot.oops.InstanceKlass;
import sun.jvm.hotspot.oops.InstanceMirrorKlass;
import sun.jvm.hotspot.oops.InstanceRefKlass;
import sun.jvm.hotspot.oops.Klass;
import sun.jvm.hotspot.oops.Metadata;
import sun.jvm.hotspot.oops.ObjArrayKlass;
import sun.jvm.hotspot.oops.Oop;
import sun.jvm.hotspot.oops.TypeArrayKlass;
import sun.jvm.hotspot.runtime.JavaThread;
import sun.jvm.hotspot.runtime.ThreadLocalAllocBuffer;
import sun.jvm.hotspot.runtime.Threads;
import sun.jvm.hotspot.runtime.VM;
import sun.jvm.hotspot.runtime.VMObject;
import sun.jvm.hotspot.types.AddressField;
import sun.jvm.hotspot.types.CIntegerField;
import sun.jvm.hotspot.types.Type;
import sun.jvm.hotspot.types.TypeDataBase;

/**
 * Heap metadata of the VM SA is attached to: the layout of the heap, read once, and the classes of objects,
 * each asked of SA once and cached. SA itself is not thread-safe: {@link #klass(long)} is synchronized.
 * Use only while SA stays attached.
 */
public final class SaHeapMetadata {

    private static final int JVM_ACC_STATIC = 0x0008;

    private final VM vm;
    private final SaHeapLayout layout;
    private final long javaMirrorOffset;
    private final long classLoaderDataOffset;
    private final long cldClassLoaderOffset;
    private final Map<Long, Optional<SaKlassInfo>> klasses = new HashMap<>();
    private final Map<Long, String> loaderNames = new HashMap<>();
    private long saKlassQueries;

    private SaHeapMetadata(VM vm, SaHeapLayout layout) {
        this.vm = vm;
        this.layout = layout;
        TypeDataBase db = vm.getTypeDataBase();
        this.javaMirrorOffset = db.lookupType("Klass").getField("_java_mirror").getOffset();
        this.classLoaderDataOffset = db.lookupType("Klass").getField("_class_loader_data").getOffset();
        this.cldClassLoaderOffset = db.lookupType("ClassLoaderData").getField("_class_loader").getOffset();
    }

    /**
     * Reads the heap layout of the VM SA is attached to.
     *
     * @throws IllegalStateException when SA is not attached or the VM's heap cannot be described
     */
    public static SaHeapMetadata ofAttachedVm() {
        VM vm = VM.getVM();
        if (vm == null) {
            throw new IllegalStateException("SA is not attached to a VM");
        }
        try {
            return new SaHeapMetadata(vm, readLayout(vm));
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read the heap layout from SA: " + e, e);
        }
    }

    public SaHeapLayout layout() {
        return layout;
    }

    /**
     * The class at {@code klassAddress}, or empty when that address is not a Klass SA can read (its C++
     * vtable is not one of the instance or array klasses, or its memory is unreadable). Never throws.
     * Cost: one map lookup, or on the first call per address one SA query (a few reads of the core).
     */
    public synchronized Optional<SaKlassInfo> klass(long klassAddress) {
        Optional<SaKlassInfo> known = klasses.get(klassAddress);
        if (known != null) {
            return known;
        }
        Optional<SaKlassInfo> info = readKlass(klassAddress);
        klasses.put(klassAddress, info);
        return info;
    }

    /** How many distinct addresses were asked of SA so far (each is asked once). */
    public synchronized long saKlassQueries() {
        return saKlassQueries;
    }

    // ---------------------------------------------------------------------------------------------------
    // Layout

    private static SaHeapLayout readLayout(VM vm) {
        TypeDataBase db = vm.getTypeDataBase();
        JVMDebugger debugger = vm.getDebugger();
        CollectedHeap heap = vm.getUniverse().heap();
        SaHeapCollector collector = SaHeapCollector.fromSaKind(String.valueOf(heap.kind()));

        boolean compact = SaHeapCompat.compactObjectHeaders(vm);
        SaHeapCompression oops = vm.isCompressedOopsEnabled()
                ? SaHeapCompression.of(debugger.getNarrowOopBase(), debugger.getNarrowOopShift())
                : SaHeapCompression.off();
        SaHeapCompression klassPointers = vm.isCompressedKlassPointersEnabled()
                ? SaHeapCompression.of(debugger.getNarrowKlassBase(), debugger.getNarrowKlassShift())
                : SaHeapCompression.off();

        Type oopDesc = db.lookupType("oopDesc");
        int klassOffset = compact ? 0 : (int) oopDesc.getField("_metadata._klass").getOffset();
        // As SA's Array.lengthOffsetInBytes: after the mark with compact headers, in the gap after a narrow
        // klass, else after the whole arrayOopDesc.
        long arrayOopSize = db.lookupType("arrayOopDesc").getSize();
        int arrayLengthOffset;
        if (compact) {
            arrayLengthOffset = (int) Oop.getHeaderSize();
        } else if (klassPointers.enabled()) {
            arrayLengthOffset = (int) (arrayOopSize - 4);
        } else {
            arrayLengthOffset = (int) arrayOopSize;
        }
        Type javaLangClass = db.lookupType("java_lang_Class");

        long regionSize = 0;
        List<SaHeapRange> ranges = new ArrayList<>();
        long reservedStart = 0;
        long reservedEnd = 0;
        if (collector != SaHeapCollector.Z) {
            // ZGC has no CollectedHeap::_reserved (SA's MemRegion of it fails on a null start).
            MemRegion reserved = heap.reservedRegion();
            reservedStart = value(reserved.start());
            reservedEnd = value(reserved.end());
        }
        if (collector == SaHeapCollector.G1) {
            regionSize = SaHeapCompat.g1RegionType(db).getCIntegerField("GrainBytes").getValue();
        }
        SaZgcLayout zgc = SaZgcLayout.none();
        if (collector == SaHeapCollector.Z && SaZgcHeap.isGenerational(db)) {
            zgc = SaZgcHeap.read(db, debugger, heap, ranges);
            if (!ranges.isEmpty()) {
                reservedStart = zgc.heapBase();
                reservedEnd = ranges.stream().mapToLong(SaHeapRange::end).max().orElse(reservedStart);
            }
        } else if (collector != SaHeapCollector.Z) {
            RangeLabeler labeler = new RangeLabeler(db, collector, heap, reservedStart, regionSize);
            heap.liveRegionsIterate(provider -> {
                for (MemRegion region : provider.getLiveRegions()) {
                    ranges.add(labeler.describe(provider, value(region.start()), value(region.end())));
                }
            });
        }

        return new SaHeapLayout(
                String.valueOf(vm.getVMRelease()),
                collector,
                ranges,
                vm.getUseTLAB(),
                vm.getUseTLAB() ? readTlabs(vm) : List.of(),
                oops,
                klassPointers,
                compact,
                compact ? SaHeapCompat.markKlassShift(db) : 0,
                vm.getMinObjAlignmentInBytes(),
                vm.getHeapOopSize(),
                klassOffset,
                arrayLengthOffset,
                (int) javaLangClass.getCIntegerField("_oop_size_offset").getValue(),
                (int) javaLangClass.getCIntegerField("_klass_offset").getValue(),
                (int) javaLangClass.getCIntegerField("_array_klass_offset").getValue(),
                regionSize,
                heap.capacity(),
                heap.used(),
                reservedStart,
                reservedEnd,
                zgc);
    }

    private static List<SaHeapTlab> readTlabs(VM vm) {
        List<SaHeapTlab> tlabs = new ArrayList<>();
        Threads threads = vm.getThreads();
        for (int i = 0; i < threads.getNumberOfThreads(); i++) {
            JavaThread thread = threads.getJavaThreadAt(i);
            ThreadLocalAllocBuffer tlab = thread.tlab();
            Address start = tlab.start();
            // As SA's ObjectHeap: no start means no TLAB; a start without top or end is skipped too.
            if (start == null || tlab.top() == null || tlab.end() == null) {
                continue;
            }
            tlabs.add(new SaHeapTlab(value(thread.getAddress()), value(start), value(tlab.top()),
                    value(tlab.end()), value(tlab.hardEnd())));
        }
        return tlabs;
    }

    /** Labels the spaces and regions SA's liveRegionsIterate hands out. */
    private static final class RangeLabeler {
        private final SaHeapCollector collector;
        private final long reservedStart;
        private final long regionSize;
        private long serialEden;
        private long serialFrom;
        private long serialOld;
        private AddressField spaceEnd;
        private AddressField g1End;
        private long g1TypeOffset;
        private CIntegerField g1Tag;
        private final Map<Long, SaHeapRange.Type> g1Tags = new HashMap<>();
        private long g1OldMask;
        private int ordinal;

        RangeLabeler(TypeDataBase db, SaHeapCollector collector, CollectedHeap heap, long reservedStart,
                     long regionSize) {
            this.collector = collector;
            this.reservedStart = reservedStart;
            this.regionSize = regionSize;
            if (collector == SaHeapCollector.SERIAL) {
                Address heapAddress = heap.getAddress();
                Type heapType = SaHeapCompat.serialHeapType(db);
                Address young = heapType.getAddressField("_young_gen").getValue(heapAddress);
                Address old = heapType.getAddressField("_old_gen").getValue(heapAddress);
                Type defNew = db.lookupType("DefNewGeneration");
                serialEden = value(defNew.getAddressField("_eden_space").getValue(young));
                serialFrom = value(defNew.getAddressField("_from_space").getValue(young));
                serialOld = value(db.lookupType("TenuredGeneration").getAddressField("_the_space").getValue(old));
                spaceEnd = db.lookupType("ContiguousSpace").getAddressField("_end");
            } else if (collector == SaHeapCollector.G1) {
                Type region = SaHeapCompat.g1RegionType(db);
                g1End = region.getAddressField("_end");
                g1TypeOffset = region.getField("_type").getOffset();
                g1Tag = SaHeapCompat.g1RegionTagType(db).getCIntegerField("_tag");
                g1Tags.put((long) SaHeapCompat.g1RegionTag(db, "FreeTag"), SaHeapRange.Type.FREE);
                g1Tags.put((long) SaHeapCompat.g1RegionTag(db, "EdenTag"), SaHeapRange.Type.EDEN);
                g1Tags.put((long) SaHeapCompat.g1RegionTag(db, "SurvTag"), SaHeapRange.Type.SURVIVOR);
                g1OldMask = SaHeapCompat.g1RegionTag(db, "OldMask");
                g1Tags.put((long) SaHeapCompat.g1RegionTag(db, "StartsHumongousTag"),
                        SaHeapRange.Type.HUMONGOUS_STARTS);
                g1Tags.put((long) SaHeapCompat.g1RegionTag(db, "ContinuesHumongousTag"),
                        SaHeapRange.Type.HUMONGOUS_CONTINUES);
            }
        }

        SaHeapRange describe(LiveRegionsProvider provider, long bottom, long top) {
            int n = ordinal++;
            switch (collector) {
                case SERIAL -> {
                    long space = 0;
                    long end = top;
                    if (provider instanceof VMObject o) {
                        space = value(o.getAddress());
                        end = Math.max(top, value(spaceEnd.getValue(o.getAddress())));
                    }
                    if (space == serialEden) {
                        return new SaHeapRange(bottom, top, end, SaHeapRange.Type.EDEN, -1, "eden");
                    } else if (space == serialFrom) {
                        return new SaHeapRange(bottom, top, end, SaHeapRange.Type.SURVIVOR, -1, "from");
                    } else if (space == serialOld) {
                        return new SaHeapRange(bottom, top, end, SaHeapRange.Type.OLD, -1, "old");
                    }
                    return new SaHeapRange(bottom, top, end, SaHeapRange.Type.OTHER, -1, "space " + n);
                }
                case PARALLEL -> {
                    // SA names Parallel's spaces "eden", "from" and "old " in its provider's toString.
                    String name = provider.toString().trim();
                    SaHeapRange.Type type = switch (name) {
                        case "eden" -> SaHeapRange.Type.EDEN;
                        case "from" -> SaHeapRange.Type.SURVIVOR;
                        case "old" -> SaHeapRange.Type.OLD;
                        default -> SaHeapRange.Type.OTHER;
                    };
                    return new SaHeapRange(bottom, top, top, type, -1,
                            type == SaHeapRange.Type.OTHER ? "space " + n : name);
                }
                case G1 -> {
                    if (provider instanceof VMObject o) {
                        Address region = o.getAddress();
                        long end = value(g1End.getValue(region));
                        long tag = g1Tag.getValue(region.addOffsetTo(g1TypeOffset));
                        SaHeapRange.Type type = g1Tags.getOrDefault(tag,
                                (tag & g1OldMask) != 0 ? SaHeapRange.Type.OLD : SaHeapRange.Type.OTHER);
                        int index = regionSize > 0 ? (int) ((bottom - reservedStart) / regionSize) : n;
                        return new SaHeapRange(bottom, top, Math.max(end, top), type, index,
                                "G1 region " + index + " " + g1Label(type));
                    }
                    return new SaHeapRange(bottom, top, top, SaHeapRange.Type.OTHER, -1, "G1 space " + n);
                }
                default -> {
                    return new SaHeapRange(bottom, top, top, SaHeapRange.Type.OTHER, -1,
                            collector.name().toLowerCase() + " space " + n);
                }
            }
        }

        private static String g1Label(SaHeapRange.Type type) {
            return switch (type) {
                case FREE -> "free";
                case EDEN -> "eden";
                case SURVIVOR -> "survivor";
                case OLD -> "old";
                case HUMONGOUS_STARTS -> "humongous starts";
                case HUMONGOUS_CONTINUES -> "humongous continues";
                case OTHER, Z_SMALL_PAGE, Z_MEDIUM_PAGE, Z_LARGE_PAGE -> "other";
            };
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Classes

    private Optional<SaKlassInfo> readKlass(long address) {
        saKlassQueries++;
        if (address == 0 || (address & 7) != 0) {
            return Optional.empty();
        }
        Metadata metadata;
        try {
            // Reads the C++ vtable at the address: only a real Klass maps to one of SA's Klass classes.
            metadata = Metadata.instantiateWrapperFor(vm.getDebugger().newAddress(address));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (!(metadata instanceof InstanceKlass || metadata instanceof TypeArrayKlass
                || metadata instanceof ObjArrayKlass)) {
            return Optional.empty();
        }
        try {
            return Optional.of(describe(address, (Klass) metadata));
        } catch (RuntimeException e) {
            // The vtable matched but the rest of the klass does not read (damaged or partial core).
            return Optional.empty();
        }
    }

    private SaKlassInfo describe(long address, Klass k) {
        SaKlassKind kind = kindOf(k);
        int lh = k.getLayoutHelper();
        long superKlass = k.getSuper() == null ? 0 : value(k.getSuper().getAddress());
        long loaderAddress;
        String loaderName;
        if (layout.zgcPages()) {
            // SA 25 cannot load an oop on generational ZGC ("oop_load_barrier not implemented"): the loader
            // is read and uncoloured here.
            loaderAddress = zgcLoaderOf(k);
            loaderName = zgcLoaderName(loaderAddress);
        } else {
            Oop loader = classLoaderOf(k);
            loaderAddress = loader == null ? 0 : value(loader.getHandle());
            loaderName = loaderName(loader, loaderAddress);
        }
        long mirror = mirrorOf(k);

        int elementType = 0;
        long elementKlass = 0;
        int dimension = 0;
        List<SaKlassField> instanceFields = List.of();
        List<SaKlassField> staticFields = List.of();
        List<SaKlassField> vmFields = List.of();
        if (k instanceof ArrayKlass ak) {
            dimension = (int) ak.getDimension();
            if (k instanceof TypeArrayKlass tak) {
                elementType = tak.getElementType();
            } else {
                Klass element = ((ObjArrayKlass) k).getElementKlass();
                elementKlass = element == null ? 0 : value(element.getAddress());
            }
        } else {
            InstanceKlass ik = (InstanceKlass) k;
            List<SaKlassField> inherited = List.of();
            List<SaKlassField> inheritedVm = List.of();
            if (superKlass != 0) {
                // The super's info comes from the cache (asked of SA once); it already holds its own supers'.
                Optional<SaKlassInfo> superInfo = klass(superKlass);
                if (superInfo.isPresent()) {
                    inherited = superInfo.get().instanceFields();
                    inheritedVm = superInfo.get().vmReferenceFields();
                }
            }
            String holder = externalName(k);
            List<SaKlassField> own = new ArrayList<>(inherited);
            List<SaKlassField> statics = new ArrayList<>();
            // The index accessors, not getImmediateFields(): they build no Field objects, six times faster
            // on SA 17 (describing classes is most of a first walk's time), same signatures on 17 and 25.
            int count = ik.getJavaFieldsCount();
            for (int i = 0; i < count; i++) {
                SaKlassField field = new SaKlassField(SaSymbols.text(ik.getFieldName(i)),
                        SaSymbols.text(ik.getFieldSignature(i)), ik.getFieldOffset(i), holder);
                if ((ik.getFieldAccessFlags(i) & JVM_ACC_STATIC) != 0) {
                    statics.add(field);
                } else {
                    own.add(field);
                }
            }
            instanceFields = own;
            staticFields = statics;
            vmFields = SaVmFields.of(ik, holder, own, inheritedVm, layout.heapOopSize(), (lh >> 3) << 3);
        }
        return new SaKlassInfo(address, histogramName(k), kind, lh, elementType, elementKlass, dimension,
                superKlass, loaderAddress, loaderName, mirror, instanceFields, staticFields, vmFields);
    }

    private static SaKlassKind kindOf(Klass k) {
        if (k instanceof TypeArrayKlass) {
            return SaKlassKind.TYPE_ARRAY;
        } else if (k instanceof ObjArrayKlass) {
            return SaKlassKind.OBJ_ARRAY;
        } else if (k instanceof InstanceMirrorKlass) {
            return SaKlassKind.MIRROR;
        } else if (k instanceof InstanceRefKlass) {
            return SaKlassKind.REFERENCE;
        } else if (k instanceof InstanceClassLoaderKlass) {
            return SaKlassKind.CLASS_LOADER;
        } else if (k.getClass().getSimpleName().equals("InstanceStackChunkKlass")) {
            // SA's class exists only from JDK 19 on: named, not referenced, so this runs on 17 too.
            return SaKlassKind.STACK_CHUNK;
        }
        return SaKlassKind.INSTANCE;
    }

    /** The class's name as jhsdb's jhisto prints it (SA's ObjectHistogramElement.getDescription). */
    static String histogramName(Klass k) {
        if (k instanceof TypeArrayKlass tak) {
            return tak.getElementTypeName() + "[]";
        } else if (k instanceof ObjArrayKlass oak) {
            Klass bottom = oak.getBottomKlass();
            String base = bottom instanceof TypeArrayKlass tak ? tak.getElementTypeName() : externalName(bottom);
            return base + "[]".repeat((int) oak.getDimension());
        }
        return externalName(k);
    }

    private static String externalName(Klass k) {
        return SaSymbols.text(k.getName()).replace('/', '.');
    }

    private static Oop classLoaderOf(Klass k) {
        try {
            return k.getClassLoaderData() == null ? null : k.getClassLoader();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The address of the class's {@code java.lang.Class} instance. {@code Klass::_java_mirror} is an
     * OopHandle, a pointer to a slot holding the full oop; read directly, as SA's {@code getJavaMirror()}
     * builds an Instance wrapper with a klass lookup of its own, the slowest part of describing a class.
     */
    private long mirrorOf(Klass k) {
        try {
            Address slot = k.getAddress().getAddressAt(javaMirrorOffset);
            if (slot == null) {
                return 0;
            }
            if (layout.zgcPages()) {
                long decoded = layout.decodeReference(slot.getCIntegerAt(0, 8, true));
                return decoded < 0 ? 0 : decoded;
            }
            return value(slot.getAddressAt(0));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The class loader oop of a class on generational ZGC: ClassLoaderData::_class_loader, uncoloured. */
    private long zgcLoaderOf(Klass k) {
        try {
            Address cld = k.getAddress().getAddressAt(classLoaderDataOffset);
            if (cld == null) {
                return 0;
            }
            Address slot = cld.getAddressAt(cldClassLoaderOffset);
            long raw = slot == null ? 0 : slot.getCIntegerAt(0, 8, true);
            long decoded = layout.decodeReference(raw);
            return decoded < 0 ? 0 : decoded;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private String zgcLoaderName(long address) {
        if (address == 0) {
            return "bootstrap";
        }
        return loaderNames.computeIfAbsent(address, a -> {
            String type = "?";
            try {
                Address obj = vm.getDebugger().newAddress(a);
                long klassAddress = layout.compressedClassPointers().enabled()
                        ? layout.compressedClassPointers().decode(obj.getCIntegerAt(layout.klassOffset(), 4, true))
                        : value(obj.getAddressAt(layout.klassOffset()));
                Optional<SaKlassInfo> info = klass(klassAddress);
                type = info.map(SaKlassInfo::name).orElse("?");
            } catch (RuntimeException e) {
                type = "?";
            }
            return type + "@0x" + Long.toHexString(a);
        });
    }

    /** {@code bootstrap}, or the loader's class and address, as the rest of sa-shell spells loaders. */
    private String loaderName(Oop loader, long address) {
        if (loader == null) {
            return "bootstrap";
        }
        return loaderNames.computeIfAbsent(address, a -> {
            String type;
            try {
                type = histogramName(loader.getKlass());
            } catch (RuntimeException e) {
                type = "?";
            }
            return type + "@0x" + Long.toHexString(a);
        });
    }

    static long value(Address address) {
        return address == null ? 0 : address.asLongValue();
    }
}
