package io.sashell.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.sashell.core.BuildIds;

/**
 * The JDK runtime a bundle carries: {@code jlink} of the JDK that wrote the core, with the modules sa-shell
 * needs. jlink of Debian's JDK 17 (from its jmods) yields native files whose build-ids differ from the
 * installed ones (only the note and {@code .comment} differ); sa-shell compares build-ids, so each such file is
 * replaced by the installed copy. The CDS archive is not put here: the runtime's own java would reject it, and
 * SA reads the core's archive from the bundle's root.
 */
public final class RuntimeImage {
    /**
     * SA and what sa-shell's jar uses: java.logging (jline), java.management, java.sql (Jackson, picocli),
     * jdk.unsupported (jline's signal handling). jlink adds what jdk.hotspot.agent requires.
     */
    public static final List<String> MODULES = List.of("java.base", "java.logging", "java.management", "java.sql",
            "jdk.unsupported", "jdk.hotspot.agent");

    /** A linked runtime: its folder, its files (relative, regular), and the oldest glibc it runs with. */
    public record Linked(Path dir, List<Path> files, long bytes, Optional<String> minGlibc, int replaced) {
    }

    private RuntimeImage() {
    }

    /** Links {@code jdkHome}'s runtime into {@code out} (which must not exist). Cost: 10–30 s of jlink. */
    public static Linked link(Path jdkHome, Path out) throws BundleException, IOException, InterruptedException {
        Path jlink = jdkHome.resolve("bin/jlink");
        if (!Files.isExecutable(jlink)) {
            throw new BundleException(jdkHome + " has no bin/jlink to make the bundle's runtime: install the full JDK");
        }
        // No --compress: the bundle's zstd does better; no --strip-debug: line numbers stay in SA's stacks,
        // and it doubles jlink's time.
        List<String> cmd = List.of(jlink.toString(), "-J-XX:+UseSerialGC", "-J-XX:TieredStopAtLevel=1",
                "--add-modules", String.join(",", MODULES), "--no-header-files", "--no-man-pages",
                "--output", out.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new BundleException("jlink of " + jdkHome + " failed: " + lastLine(log));
        }
        List<Path> files = new ArrayList<>();
        long bytes = 0;
        int replaced = 0;
        String glibc = null;
        try (Stream<Path> s = Files.walk(out)) {
            for (Path f : s.sorted().toList()) {
                // Links (legal notices point at java.base's) are stored as the files they name.
                if (!Files.isRegularFile(f)) {
                    continue;
                }
                Path rel = out.relativize(f);
                if (replaceWithInstalled(f, jdkHome.resolve(rel))) {
                    replaced++;
                }
                Optional<String> g = GlibcVersions.required(f);
                if (g.isPresent() && (glibc == null || GlibcVersions.compare(g.get(), glibc) > 0)) {
                    glibc = g.get();
                }
                files.add(rel);
                bytes += Files.size(f);
            }
        }
        return new Linked(out, files, bytes, Optional.ofNullable(glibc), replaced);
    }

    /** Copies the installed file over jlink's when both are ELF files with different build-ids. */
    private static boolean replaceWithInstalled(Path linked, Path installed) throws IOException {
        if (!Files.isRegularFile(installed)) {
            return false;
        }
        Optional<String> ours = BuildIds.ofFile(linked);
        if (ours.isEmpty()) {
            return false;
        }
        Optional<String> theirs = BuildIds.ofFile(installed);
        if (theirs.isEmpty() || theirs.equals(ours)) {
            return false;
        }
        Files.copy(installed, linked, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        return true;
    }

    private static String lastLine(String log) {
        String[] lines = log.strip().split("\n");
        return lines.length == 0 || lines[lines.length - 1].isBlank() ? "no output" : lines[lines.length - 1].strip();
    }
}
