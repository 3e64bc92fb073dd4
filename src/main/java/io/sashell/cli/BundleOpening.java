package io.sashell.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.sashell.bundle.BundleCache;
import io.sashell.bundle.BundleException;
import io.sashell.bundle.BundleManifest;
import io.sashell.bundle.UnpackedBundle;

/**
 * {@code open X.bundle}: the bundle unpacked once into {@code <cache>/bundles} (checked against its manifest),
 * then opened like a core with {@code --jdk <its runtime> --sysroot <its root>}.
 */
final class BundleOpening {
    private BundleOpening() {
    }

    /** The launcher's choice for a bundle: its runtime (or {@code --jdk}) and an alternate root into it. */
    static Launch.JdkChoice choose(Path bundle, Path jdk, boolean force, Path running) {
        UnpackedBundle u = unpack(bundle, System.err::println);
        return CoreJdks.choose(u.core(), jdk != null ? jdk : u.runtime(), u.root(), force, running);
    }

    /** The unpacked bundle, from the cache or unpacked now. */
    static UnpackedBundle unpack(Path bundle, Consumer<String> progress) {
        BundleCache cache = new BundleCache(Paths.privateDir(Paths.cacheDir().resolve("bundles")));
        try {
            UnpackedBundle u = cache.open(bundle, BundleOpening::check, progress);
            if (u.freshlyUnpacked()) {
                progress.accept("unpacked; " + u.dir() + " stays for the next open (delete it when done)");
            }
            return u;
        } catch (BundleException e) {
            throw new UserDataException(e.getMessage(), e);
        }
    }

    private static void check(BundleManifest m) throws BundleException {
        Optional<String> refusal = m.refusal(hostOs(), hostArch(), hostGlibc());
        if (refusal.isPresent()) {
            throw new BundleException("bundle of host " + m.host() + ": " + refusal.get());
        }
    }

    /** What {@code info} says about a core that came from a bundle. */
    static io.sashell.analysis.ProcessFacts.Bundle origin(UnpackedBundle u) {
        BundleManifest m = u.manifest();
        return new io.sashell.analysis.ProcessFacts.Bundle(u.bundle().toAbsolutePath().toString(), m.host(),
                m.created(), m.originalCore(), m.jdkVersion());
    }

    static String hostOs() {
        return System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
    }

    /** The architecture as ELF and uname name it ("x86_64", "aarch64"). */
    static String hostArch() {
        String a = System.getProperty("os.arch");
        return a.equals("amd64") ? "x86_64" : a;
    }

    /** The glibc version ("2.36"), empty when not glibc or unknown. */
    static Optional<String> hostGlibc() {
        try {
            Process p = new ProcessBuilder("getconf", "GNU_LIBC_VERSION").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.startsWith("glibc ")) {
                return Optional.empty();
            }
            return Optional.of(out.substring("glibc ".length()).strip());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
