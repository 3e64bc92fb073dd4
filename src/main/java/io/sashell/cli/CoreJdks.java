package io.sashell.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.sashell.core.CoreFileException;
import io.sashell.core.ElfCore;
import io.sashell.core.JdkLocation;
import io.sashell.core.JdkLocator;

/** Finds the JDK a core needs, with the user's --jdk, --sysroot and --force. */
final class CoreJdks {
    private CoreJdks() {
    }

    static JdkLocator locator(Path jdk, Path sysroot, boolean force) {
        JdkLocator.Options o = JdkLocator.Options.defaults().withForce(force)
                .withAltRootParent(Paths.privateDir(Paths.cacheDir().resolve("altroot")));
        if (jdk != null) {
            o = o.withJdk(jdk);
        }
        if (sysroot != null) {
            o = o.withSysroot(sysroot);
        }
        return new JdkLocator(o);
    }

    /**
     * The launcher's choice: the JDK that wrote the core. A file that is not a core of a JVM runs on the current
     * JDK, where {@code open} reports it in one line.
     */
    static Launch.JdkChoice choose(Path core, Path jdk, Path sysroot, boolean force, Path running) {
        if (!Files.isRegularFile(core)) {
            return new Launch.JdkChoice(running, null);
        }
        ElfCore elf;
        try {
            elf = ElfCore.open(core);
        } catch (CoreFileException e) {
            return new Launch.JdkChoice(running, null);
        }
        try (elf) {
            if (CoreOpener.libjvm(elf).isEmpty()) {
                return new Launch.JdkChoice(running, null);
            }
            JdkLocation location;
            try {
                location = locator(jdk, sysroot, force).locate(elf);
            } catch (CoreFileException e) {
                if (elf.truncation().isEmpty()) {
                    throw e;
                }
                // libjvm's build-id and version may lie in the missing part: say first that the core is cut.
                String prefix = core + ": ";
                String why = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length())
                        : e.getMessage();
                throw new UserDataException(prefix + elf.truncation().get().describe() + "; " + why, e);
            }
            return new Launch.JdkChoice(location.jdkHome(), location.saAltRoot().orElse(null),
                    core.toAbsolutePath(), location.exe());
        } catch (CoreFileException e) {
            throw new UserDataException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserDataException(core + ": " + e.getMessage(), e);
        }
    }

    /** The SA_ALTROOT the launcher made for this process, when it lies in sa-shell's cache (removed at exit). */
    static Optional<Path> launcherAltRoot() {
        String env = System.getenv("SA_ALTROOT");
        if (env == null || env.isEmpty()) {
            return Optional.empty();
        }
        Path p = Path.of(env).toAbsolutePath().normalize();
        return p.startsWith(Paths.cacheDir().resolve("altroot")) ? Optional.of(p) : Optional.empty();
    }

    /** Removes the launcher's SA_ALTROOT directory (symlinks and folders only) once the shell is done. */
    static void removeLauncherAltRoot() {
        launcherAltRoot().ifPresent(dir -> {
            try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // A leftover directory of symlinks in our cache is harmless.
            }
        });
    }
}
