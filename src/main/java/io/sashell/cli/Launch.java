package io.sashell.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.sashell.bundle.BundleReader;
import io.sashell.core.CoreFileException;
import io.sashell.core.ElfCore;

/**
 * The launcher's first step, run on any JDK without SA: decides which JDK runs sa-shell for these arguments
 * and prints its home (line 1), an SA_ALTROOT directory (line 2, may be empty), and, when it checked a core, the
 * core (line 3) and the executable to give SA (line 4), so that the second JVM need not check again (see
 * {@link CoreOpener#launcherExe}). Commands that open a core
 * run on the JDK that wrote it (for a bundle: the runtime inside it, unpacked once); the others on the JDK
 * running this step.
 */
public final class Launch {
    private static final List<String> OPTIONS_WITH_VALUES = List.of("-c", "--jdk", "--sysroot", "--exe", "--jfr", "-o",
            "--output", "--index", "--level", "--keep", "--report");

    private Launch() {
    }

    public static void main(String[] args) {
        try {
            JdkChoice choice = choose(args);
            System.out.println(choice.jdkHome());
            System.out.println(choice.altRoot() == null ? "" : choice.altRoot());
            System.out.println(choice.core() == null ? "" : choice.core());
            System.out.println(choice.exe() == null ? "" : choice.exe());
        } catch (UserDataException e) {
            System.err.println(e.getMessage());
            System.exit(ExitCodes.DATA_ERROR);
        }
    }

    /** @param core and {@code exe}: the core whose JDK was checked and its executable, or both null */
    record JdkChoice(Path jdkHome, Path altRoot, Path core, Path exe) {
        JdkChoice(Path jdkHome, Path altRoot) {
            this(jdkHome, altRoot, null, null);
        }
    }

    private static boolean isTruncated(Path core) {
        try (ElfCore elf = ElfCore.open(core)) {
            return elf.truncation().isPresent();
        } catch (CoreFileException | IOException e) {
            return false;
        }
    }

    static JdkChoice choose(String[] args) {
        Path running = Path.of(System.getProperty("java.home"));
        // bundle --redact redacts the core first: SA, so the core's JDK, as for redact.
        boolean redactingBundle = args.length > 0 && args[0].equals("bundle") && List.of(args).contains("--redact");
        if (args.length == 0 || !(List.of("open", "export", "redact", "report").contains(args[0]) || redactingBundle)) {
            return new JdkChoice(running, null);
        }
        Path core = null;
        Path jdk = null;
        Path sysroot = null;
        boolean force = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (OPTIONS_WITH_VALUES.contains(a) && i + 1 < args.length) {
                String v = args[++i];
                if (a.equals("--jdk")) {
                    jdk = Path.of(v);
                } else if (a.equals("--sysroot")) {
                    sysroot = Path.of(v);
                }
            } else if (a.equals("--force")) {
                force = true;
            } else if (!a.startsWith("-") && core == null) {
                core = Path.of(a);
            }
        }
        if (core == null) {
            // Let Main print the usage error.
            return new JdkChoice(running, null);
        }
        if ((args[0].equals("redact") || redactingBundle) && isTruncated(core)) {
            // redact refuses truncated cores itself, in one line that names the truncation.
            return new JdkChoice(running, null);
        }
        if (BundleReader.looksLikeBundle(core)) {
            return BundleOpening.choose(core, jdk, force, running);
        }
        return CoreJdks.choose(core, jdk, sysroot, force, running);
    }
}
