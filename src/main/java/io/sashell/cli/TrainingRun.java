package io.sashell.cli;

import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The launcher's first run of a jar on a JDK makes its class cache (a CDS archive on JDK 17, an AOT cache on 25)
 * of the classes that run loaded: those of its one command. Before such a run exits, this loads (without
 * initializing) every class of sa-shell's own and of picocli, and those of the Serviceability Agent's packages
 * sa-shell's commands use, so that the cache holds them whatever the first command was ({@code demo}, say) and a
 * later {@code export} or {@code report} finds its classes there too.
 */
final class TrainingRun {
    /** Set by the launcher on the run that makes the class cache. */
    static final String PROPERTY = "sashell.training";

    /** SA's packages (under sun/jvm/hotspot) whose classes sa-shell's commands load on Linux x86_64. */
    private static final List<String> SA_PACKAGES = List.of("oops", "runtime", "runtime/x86", "runtime/amd64",
            "runtime/linux_amd64", "utilities", "debugger", "debugger/linux", "debugger/linux/amd64",
            "debugger/amd64", "debugger/posix", "debugger/cdbg", "code", "memory", "types", "types/basic",
            "interpreter", "classfile", "gc/shared", "gc/g1", "gc/z", "gc/shenandoah", "gc/serial", "gc/parallel",
            "gc/epsilon");

    private TrainingRun() {
    }

    static void loadOwnClasses() {
        if (!Boolean.getBoolean(PROPERTY)) {
            return;
        }
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                return;
            }
            ClassLoader loader = Main.class.getClassLoader();
            try (JarFile file = new JarFile(jar.toFile())) {
                for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                    String name = e.nextElement().getName();
                    if (name.endsWith(".class") && !name.contains("module-info")
                            && (name.startsWith("io/sashell/") || name.startsWith("picocli/"))) {
                        load(name, loader);
                    }
                }
            }
        } catch (Exception e) {
            // The cache then holds what the command loaded, as without this.
        }
        ModuleLayer.boot().findModule("jdk.hotspot.agent").ifPresent(sa -> {
            try {
                Path root = FileSystems.getFileSystem(URI.create("jrt:/")).getPath("/modules/jdk.hotspot.agent");
                for (String pkg : SA_PACKAGES) {
                    Path dir = root.resolve("sun/jvm/hotspot/" + pkg);
                    if (!Files.isDirectory(dir)) {
                        continue;
                    }
                    try (DirectoryStream<Path> classes = Files.newDirectoryStream(dir, "*.class")) {
                        for (Path c : classes) {
                            load(root.relativize(c).toString(), sa.getClassLoader());
                        }
                    }
                }
            } catch (Exception e) {
                // As above.
            }
        });
    }

    /** Loads the class of a class file's path ({@code a/b/C.class}) without initializing it. */
    private static void load(String classFile, ClassLoader loader) {
        try {
            Class.forName(classFile.substring(0, classFile.length() - ".class".length()).replace('/', '.'), false,
                    loader);
        } catch (LinkageError | ClassNotFoundException e) {
            // A class the cache will not hold; the command loads it from the jar when it needs it.
        }
    }
}
