package io.sashell.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.sashell.core.CoreFileException;
import io.sashell.core.ElfCore;

/** Picks the JDK a core needs, for the launcher. */
final class CoreJdks {
    private CoreJdks() {
    }

    static Launch.JdkChoice choose(Path core, Path jdk, Path sysroot, boolean force, Path running) {
        if (!Files.exists(core)) {
            throw new UserDataException(core + ": no such file");
        }
        try (ElfCore elf = ElfCore.open(core)) {
            Path libjvm = CoreOpener.libjvm(elf).orElse(null);
            if (libjvm == null) {
                return new Launch.JdkChoice(running, null);
            }
            if (jdk != null) {
                return new Launch.JdkChoice(jdk, null);
            }
            Path home = libjvm.getParent().getParent().getParent();
            if (Files.isExecutable(home.resolve("bin/java"))) {
                return new Launch.JdkChoice(home, null);
            }
            throw new UserDataException(core + ": the JDK that wrote it (" + home + ") is not here; point at it with --jdk HOME");
        } catch (CoreFileException e) {
            // Main reports a bad core in the same words; run it on the current JDK.
            return new Launch.JdkChoice(running, null);
        } catch (IOException e) {
            throw new UserDataException(core + ": " + e.getMessage(), e);
        }
    }
}
