package io.sashell.sa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.sashell.testkit.Repo;
import io.sashell.testkit.Run;
import io.sashell.testkit.SaJava;
import io.sashell.testkit.ScenarioCore;

/**
 * {@link SaRoots#enumerate()} on a real core of {@code testdata/roots/RootsScenario.java}, once per JDK and
 * collector (the subclasses): every marker object is held by exactly the root the scenario gave it. The
 * enumeration runs in {@link RootsProbe}, a child JVM of the JDK that wrote the core.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RootsCoreIT {
    private static final String SCENARIO = "RootsScenario$";

    record Root(RootKind kind, long object, String type, String thread, String description) {
    }

    record Range(String thread, long low, long high, int registers, String reason) {
    }

    private Path jniDir;
    private ScenarioCore core;
    private final List<Root> roots = new ArrayList<>();
    private final List<Range> ranges = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> storages = new ArrayList<>();
    private final Map<String, Long> markers = new HashMap<>();
    private final Set<String> duplicates = new TreeSet<>();
    private boolean oopMapProxy;
    private final Map<String, Set<String>> scans = new HashMap<>();
    /** Thread name → {object, VM state}. */
    private final Map<String, String[]> threads = new HashMap<>();

    abstract Path jdk();

    abstract List<String> jvmArgs();

    /**
     * SA 25 as it is cannot compute the oop map of a frame whose method has invokedynamic ("Corrupted constant
     * pool"); with the launcher's {@link #opened} packages sa-shell's {@code SaConstantPool} fixes it.
     */
    abstract boolean saParsesIndyFrames();

    /** The SA packages the probe's JVM opens (as the launcher does for sa-shell's replacements); none: SA as is. */
    String[] opened() {
        return new String[0];
    }

    /** JDK 21+ fast-locks uncontended monitors on the thread's lock stack. */
    abstract boolean lockStacks();

    @BeforeAll
    void enumerate() throws Exception {
        jniDir = Files.createTempDirectory("sa-shell-roots-jni-");
        Path lib = jniDir.resolve("libroots.so");
        Run gcc = Run.of(List.of("gcc", "-shared", "-fPIC", "-I", jdk().resolve("include").toString(), "-I",
                jdk().resolve("include/linux").toString(), "-o", lib.toString(),
                Repo.root().resolve("testdata/roots/roots_jni.c").toString()), null, Map.of(), null);
        assertEquals(0, gcc.exitCode(), () -> "gcc failed: " + gcc.stderr());
        List<String> args = new ArrayList<>(jvmArgs());
        args.addAll(List.of("-Xbatch", "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=dontinline,RootsScenario::*Holding", "--enable-native-access=ALL-UNNAMED",
                "-Droots.jni=" + lib));
        core = ScenarioCore.abortWhenReady(jdk(), "roots/RootsScenario.java", args.toArray(new String[0]));
        List<String> cmd = SaJava.command(jdk(), opened());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), RootsProbe.class.getName(),
                jdk().resolve("bin/java").toString(), core.core().toString()));
        Run probe = Run.of(cmd, null, Map.of(), null);
        assertEquals(0, probe.exitCode(), () -> "probe failed: " + probe.stdout() + probe.stderr());
        parse(probe.stdout());
        System.out.printf("%s: %d roots, %d ranges, %d problems%n", getClass().getSimpleName(), roots.size(),
                ranges.size(), problems.size());
    }

    private void parse(String out) {
        for (String line : out.split("\n")) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "ROOT" -> roots.add(new Root(RootKind.valueOf(f[1]), Long.decode(f[2]), f[3], f[4], f[5]));
                case "RANGE" -> ranges.add(new Range(f[1], Long.decode(f[2]), Long.decode(f[3]),
                        Integer.parseInt(f[4]), f[5]));
                case "SCAN" -> scans.computeIfAbsent(f[1], k -> new TreeSet<>()).add(f[2]);
                case "MARKER" -> {
                    if (markers.put(f[1], Long.decode(f[2])) != null) {
                        duplicates.add(f[1]);
                    }
                }
                case "PROBLEM" -> problems.add(f[1]);
                case "STORAGE" -> storages.add(f[1]);
                case "THREAD" -> threads.put(f[1], new String[] {f[2], f[3]});
                case "COMPAT" -> oopMapProxy = Boolean.parseBoolean(f[1]);
                case "MILLIS" -> System.out.printf("%s: enumerate took %s ms cold, %s ms warm%n",
                        getClass().getSimpleName(), f[1], f[2]);
                default -> {
                    // SA's own chatter on stdout.
                }
            }
        }
    }

    @AfterAll
    void deleteCore() throws IOException {
        if (core != null) {
            core.close();
        }
        if (jniDir != null) {
            ScenarioCore.deleteTree(jniDir);
        }
    }

    /** Every root of the scenario object of class {@code RootsScenario$simpleName}. */
    private List<Root> rootsOf(String simpleName) {
        Long address = markers.get(SCENARIO + simpleName);
        assertNotNull(address, () -> "no " + simpleName + " in the heap; markers: " + markers.keySet());
        assertFalse(duplicates.contains(SCENARIO + simpleName), () -> "more than one " + simpleName);
        return roots.stream().filter(r -> r.object() == address).toList();
    }

    private static Set<String> descriptions(List<Root> roots, RootKind kind) {
        return roots.stream().filter(r -> r.kind() == kind).map(Root::description).collect(Collectors.toSet());
    }

    @Test
    void everyJavaThreadHasExactlyItsThreadObjectRoot() {
        Map<Long, String> expected = new HashMap<>();
        threads.forEach((name, t) -> {
            if (Long.decode(t[0]) != 0) {
                expected.put(Long.decode(t[0]), name);
            }
        });
        Map<Long, String> actual = new HashMap<>();
        for (Root r : roots) {
            if (r.kind() == RootKind.THREAD_OBJECT) {
                assertEquals(null, actual.put(r.object(), r.thread()), "twice: " + r);
                assertEquals("thread object of \"" + r.thread() + "\"", r.description());
            }
        }
        assertEquals(expected, actual);
        assertTrue(actual.containsValue("local-holder") && actual.containsValue("main"), actual::toString);
    }

    @Test
    void objectHeldOnlyByALocalOfASleepingThreadIsItsJavaLocal() {
        List<Root> r = rootsOf("LocalOnly");
        assertEquals(1, r.size(), r::toString);
        assertEquals(RootKind.JAVA_LOCAL, r.get(0).kind());
        assertEquals("local-holder", r.get(0).thread());
        assertTrue(r.get(0).description().matches(
                "\"local-holder\" frame \\d+ RootsScenario\\.holdLocal:\\d+ \\(interpreted\\), local 0"),
                r.get(0).description());
    }

    @Test
    void objectHeldOnlyByAJniGlobalIsAJniGlobalRoot() {
        List<Root> r = rootsOf("JniGlobalOnly");
        assertEquals(1, r.size(), r::toString);
        assertEquals(RootKind.JNI_GLOBAL, r.get(0).kind());
        assertTrue(r.get(0).description().startsWith("JNI global handle 0x"), r.get(0).description());
    }

    @Test
    void objectHeldOnlyByAJniLocalIsAJniLocalRootOfItsThread() {
        List<Root> r = rootsOf("JniLocalOnly");
        assertEquals(1, r.size(), r::toString);
        assertEquals(RootKind.JNI_LOCAL, r.get(0).kind());
        assertEquals("jni-local", r.get(0).thread());
    }

    /**
     * Native code's JNI locals made before it called into Java stay alive in the handle block the call saved
     * (the launcher's: the main class's name, the argument array), which SA's frame walk skips.
     */
    @Test
    void jniLocalsAJavaCallSavedAreJniLocalRoots() {
        List<Root> saved = roots.stream().filter(r -> r.description().contains(", saved by the Java call at frame "))
                .toList();
        assertTrue(saved.stream().anyMatch(r -> r.kind() == RootKind.JNI_LOCAL && r.type().contains("String")),
                saved::toString);
    }

    @Test
    void objectHeldOnlyByAWeakGlobalIsNoRoot() {
        Long address = markers.get(SCENARIO + "JniWeakOnly");
        if (address != null) {
            assertEquals(List.of(), roots.stream().filter(r -> r.object() == address).toList());
        }
    }

    @Test
    void uncontendedLockIsABusyMonitorOfItsFrame() {
        List<Root> r = rootsOf("StackLock");
        Set<String> monitors = descriptions(r, RootKind.BUSY_MONITOR);
        assertEquals(lockStacks() ? 2 : 1, monitors.size(), monitors::toString);
        assertTrue(monitors.stream().anyMatch(d -> d.matches("monitor held by frame \\d+ "
                + "RootsScenario\\.holdStackLock:\\d+ \\(interpreted\\) of \"monitor-holder\"")), monitors::toString);
        if (lockStacks()) {
            assertTrue(monitors.contains("lock stack entry 0 of \"monitor-holder\" (fast-locked)"),
                    monitors::toString);
        }
        assertTrue(r.stream().allMatch(x -> x.thread().equals("monitor-holder")), r::toString);
    }

    @Test
    void contendedLockIsAnInflatedMonitorOwnedByItsOwnerNotByTheBlockedThread() {
        List<Root> r = rootsOf("ContendedLock");
        Set<String> monitors = descriptions(r, RootKind.BUSY_MONITOR);
        assertTrue(monitors.stream().anyMatch(d -> d.matches("inflated monitor 0x\\p{XDigit}+, owned by "
                + "\"contended-owner\", 0 waiting, 1 contending")), monitors::toString);
        assertTrue(monitors.stream().anyMatch(d -> d.matches("monitor held by frame \\d+ "
                + "RootsScenario\\.ownContended:\\d+ \\(interpreted\\) of \"contended-owner\"")), monitors::toString);
        assertFalse(r.stream().anyMatch(x -> x.kind() == RootKind.BUSY_MONITOR
                && x.thread().equals("contended-waiter")), r::toString);
    }

    @Test
    void waitedOnLockIsAnInflatedMonitorWithAWaiter() {
        Set<String> monitors = descriptions(rootsOf("WaitedLock"), RootKind.BUSY_MONITOR);
        assertEquals(2, monitors.size(), monitors::toString);
        assertTrue(monitors.stream().anyMatch(d -> d.matches(
                "inflated monitor 0x\\p{XDigit}+, no owner, 1 waiting, 0 contending")), monitors::toString);
        assertTrue(monitors.stream().anyMatch(d -> d.matches("monitor waited on \\(Object\\.wait\\) in frame \\d+ "
                + "RootsScenario\\.waitOn:\\d+ \\(interpreted\\) of \"waiter\"")), monitors::toString);
    }

    @Test
    void localOfACompiledFrameComesFromItsOopMap() {
        List<Root> r = rootsOf("CompiledLocal");
        assertEquals(1, r.size(), r::toString);
        assertEquals(RootKind.JAVA_LOCAL, r.get(0).kind());
        assertTrue(r.get(0).description().matches(
                "\"compiled-holder\" frame \\d+ RootsScenario\\.holdCompiled:\\d+ \\(compiled\\), local 1"),
                r.get(0).description());
    }

    @Test
    void compiledFramesAreWalkedWithoutSasDerivedPointerAssertion() {
        assertTrue(oopMapProxy, "SaRootCompat fell back to Frame.oopsDo");
    }

    @Test
    void threadRunningCompiledCodeIsScannedFromItsStackPointer() {
        List<Root> r = rootsOf("SpinLocal");
        // Its caller's interpreted frame holds it precisely; the spinning frame itself only conservatively.
        assertEquals(1, r.size(), r::toString);
        assertTrue(r.get(0).description().matches(
                "\"spinner\" frame \\d+ RootsScenario\\.spin:\\d+ \\(interpreted\\), local 0"), r::toString);
        assertEquals("IN_JAVA", threads.get("spinner")[1], "the spinner was not running at the crash");
        List<Range> spinner = ranges.stream().filter(x -> x.thread().equals("spinner")).toList();
        assertEquals(1, spinner.size(), ranges::toString);
        assertEquals("running Java code at the crash (no last Java frame): the top frame has no precise oop map",
                spinner.get(0).reason());
        assertEquals(28, spinner.get(0).registers(), "x86-64 general registers in SA's thread context");
        assertTrue(spinner.get(0).high() > spinner.get(0).low());
        assertTrue(scans.getOrDefault("spinner", Set.of()).contains(SCENARIO + "SpinLocal"), scans::toString);
    }

    @Test
    void frameOfAMethodWithInvokedynamic() {
        List<Root> r = rootsOf("IndyLocal");
        List<Range> indy = ranges.stream().filter(x -> x.thread().equals("indy-holder")).toList();
        if (saParsesIndyFrames()) {
            assertEquals(1, r.size(), r::toString);
            assertTrue(r.get(0).description().matches(
                    "\"indy-holder\" frame \\d+ RootsScenario\\.holdIndyLocal:\\d+ \\(interpreted\\), local 0"),
                    r::toString);
            assertEquals(List.of(), indy);
        } else {
            assertEquals(List.of(), r);
            assertEquals(1, indy.size(), ranges::toString);
            assertTrue(indy.get(0).reason().matches("frame \\d+ RootsScenario\\.holdIndyLocal:\\d+ \\(interpreted\\): "
                    + "oop map unavailable: Corrupted constant pool.*"), indy.get(0).reason());
            assertEquals(0, indy.get(0).registers());
            assertEquals(Set.of(SCENARIO + "IndyLocal"), scans.get("indy-holder"));
        }
    }

    @Test
    void problemsAreExactlyTheFramesSaCannotParse() {
        if (saParsesIndyFrames()) {
            assertEquals(List.of(), problems);
        } else {
            assertEquals(2, problems.size(), problems::toString);
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("thread \"main\" frame ")), problems::toString);
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("thread \"indy-holder\" frame ")),
                    problems::toString);
            assertTrue(problems.stream().allMatch(p -> p.contains(
                    "(interpreted): oop map unavailable, scanned conservatively: Corrupted constant pool")),
                    problems::toString);
        }
    }

    @Test
    void bootClassMirrorsAreSystemClassesAndAppClassesAreNot() {
        Map<String, Root> byName = new HashMap<>();
        for (Root r : roots) {
            if (r.kind() == RootKind.SYSTEM_CLASS) {
                assertEquals(null, byName.put(r.description(), r), "twice: " + r);
                assertEquals("java.lang.Class", r.type(), r::toString);
            }
        }
        assertTrue(byName.containsKey("java.lang.String"), byName::toString);
        assertTrue(byName.containsKey("java.lang.Thread"));
        assertTrue(byName.containsKey("int[]"));
        assertFalse(byName.keySet().stream().anyMatch(n -> n.startsWith("RootsScenario")));
    }

    @Test
    void systemAndPlatformLoadersAreClassLoaderRoots() {
        Map<String, String> loaders = roots.stream().filter(r -> r.kind() == RootKind.CLASS_LOADER)
                .collect(Collectors.toMap(Root::description, Root::type));
        assertEquals(Map.of("system class loader", "jdk.internal.loader.ClassLoaders$AppClassLoader",
                "platform class loader", "jdk.internal.loader.ClassLoaders$PlatformClassLoader"), loaders);
    }

    @Test
    void vmGlobalHandlesAreVmInternalRoots() {
        Set<String> types = roots.stream().filter(r -> r.kind() == RootKind.VM_INTERNAL
                && r.description().startsWith("OopStorage \"VM Global\" slot 0x")).map(Root::type)
                .collect(Collectors.toSet());
        assertTrue(types.containsAll(Set.of("java.lang.ThreadGroup", "java.lang.OutOfMemoryError[]",
                "java.lang.NullPointerException", "jdk.internal.loader.ClassLoaders$AppClassLoader")), types::toString);
        assertTrue(storages.containsAll(List.of("VM Global", "JNI Global", "Thread OopStorage", "JNI Weak",
                "StringTable Weak")), storages::toString);
    }

    @Test
    void bootClassConstantPoolsResolvedReferencesAreVmInternalRoots() {
        List<Root> r = roots.stream().filter(x -> x.description().equals("resolved references of java.lang.String"))
                .toList();
        assertEquals(1, r.size(), r::toString);
        assertEquals(RootKind.VM_INTERNAL, r.get(0).kind());
        assertEquals("java.lang.Object[]", r.get(0).type());
        assertFalse(roots.stream().anyMatch(x -> x.description().startsWith("resolved references of RootsScenario")));
    }

    @Test
    void everyRootIsAnObjectInTheHeap() {
        List<Root> odd = roots.stream().filter(r -> r.object() == 0 || r.type().equals("?")).toList();
        assertEquals(List.of(), odd);
    }
}
