package io.sashell.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The start of a command line for a child JVM that uses SA in-process: the JDK's java with SA's module flags. */
public final class SaJava {
    /** The SA packages sa-shell uses: the pom's {@code sa.exports}. */
    private static final List<String> SA_PACKAGES = List.of("sun.jvm.hotspot", "sun.jvm.hotspot.runtime",
            "sun.jvm.hotspot.oops", "sun.jvm.hotspot.memory", "sun.jvm.hotspot.gc.shared", "sun.jvm.hotspot.gc.g1",
            "sun.jvm.hotspot.gc.parallel", "sun.jvm.hotspot.gc.serial", "sun.jvm.hotspot.gc.z",
            "sun.jvm.hotspot.gc.shenandoah", "sun.jvm.hotspot.gc.epsilon", "sun.jvm.hotspot.debugger",
            "sun.jvm.hotspot.debugger.linux", "sun.jvm.hotspot.utilities", "sun.jvm.hotspot.classfile",
            "sun.jvm.hotspot.code", "sun.jvm.hotspot.interpreter", "sun.jvm.hotspot.compiler",
            "sun.jvm.hotspot.types", "sun.jvm.hotspot.prims");

    private SaJava() {
    }

    /**
     * {@code JDK/bin/java --add-modules jdk.hotspot.agent}, every SA package exported, and {@code opened} SA
     * packages opened (as the launcher opens some for sa-shell's replacements of SA's factories).
     */
    public static List<String> command(Path jdk, String... opened) {
        List<String> cmd = new ArrayList<>(List.of(jdk.resolve("bin/java").toString(), "--add-modules",
                "jdk.hotspot.agent"));
        for (String p : SA_PACKAGES) {
            cmd.add("--add-exports");
            cmd.add("jdk.hotspot.agent/" + p + "=ALL-UNNAMED");
        }
        for (String p : opened) {
            cmd.add("--add-opens");
            cmd.add("jdk.hotspot.agent/" + p + "=ALL-UNNAMED");
        }
        return cmd;
    }
}
