package io.sashell.bundle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.sashell.core.BuildIds;
import io.sashell.core.ElfCore;
import io.sashell.core.JdkLocation;
import io.sashell.core.MappedFile;

/**
 * The files SA reads to open a core, found where the {@link JdkLocation} says they are: the runtime loader, the
 * executable, every shared library and the CDS archive the core maps. Data files (lib/modules, locales) are
 * left out: SA reads them from the core's memory.
 */
public final class CoreFiles {
    /** A file the core recorded at {@code recorded}, here at {@code source} (the same build). */
    public record File(String recorded, Path source) {
    }

    /** What was found and what not (files SA can do without: it shows no symbols of them). */
    public record Found(List<File> files, List<String> missing) {
    }

    private CoreFiles() {
    }

    /**
     * Cost: a build-id read per library (from the core and from the file). Throws when the loader, libjvm or the
     * CDS archive cannot be found: a bundle without them would not open.
     */
    public static Found of(ElfCore core, JdkLocation location) throws BundleException {
        Set<String> recorded = new LinkedHashSet<>();
        for (MappedFile f : core.mappedFiles()) {
            String p = f.filePath();
            if (p.startsWith("/") && !p.startsWith("/dev/") && !p.startsWith("/proc/") && !p.startsWith("/sys/")
                    && !p.startsWith("/memfd:") && !p.startsWith("/SYSV") && !p.contains("/hsperfdata_")
                    && wanted(p, core)) {
                recorded.add(p);
            }
        }
        List<File> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String p : recorded) {
            Optional<Path> source = sourceOf(p, location);
            Optional<String> coreId = BuildIds.ofMapped(core, p);
            if (source.isPresent() && coreId.isPresent() && !coreId.equals(buildId(source.get()))) {
                source = Optional.empty();
            }
            if (source.isPresent()) {
                files.add(new File(p, source.get()));
            } else if (vital(p)) {
                throw new BundleException(core.path() + ": the core's " + p
                        + " is not on this machine (or is another build); SA needs it: point at a copy with --sysroot DIR");
            } else {
                missing.add(p);
            }
        }
        return new Found(files, missing);
    }

    private static boolean wanted(String p, ElfCore core) {
        String name = p.substring(p.lastIndexOf('/') + 1);
        return name.contains(".so") || name.endsWith(".jsa") || vital(p) || core.executablePath().map(p::equals).orElse(false);
    }

    private static boolean vital(String p) {
        String name = p.substring(p.lastIndexOf('/') + 1);
        return name.startsWith("ld-linux") || name.endsWith(".jsa") || name.equals("libjvm.so");
    }

    /** Through the locator's alternate root when it made one (links to verified copies), else the recorded path. */
    private static Optional<Path> sourceOf(String recorded, JdkLocation location) {
        Path candidate = location.saAltRoot().map(r -> r.resolve(recorded.substring(1))).orElse(Path.of(recorded));
        try {
            return Files.isRegularFile(candidate) ? Optional.of(candidate.toRealPath()) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> buildId(Path file) {
        try {
            return BuildIds.ofFile(file);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
