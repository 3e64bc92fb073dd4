package io.sashell.bundle;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code manifest.json}, the first entry of a bundle: where the core came from, the JDK build that wrote it,
 * what the bundled runtime needs of the machine that opens it, and every other entry with its size and
 * SHA-256. Paths inside the bundle are relative, with {@code /} separators.
 *
 * @param format always {@link #FORMAT}
 * @param formatVersion {@link #FORMAT_VERSION}; a reader refuses newer versions
 * @param createdBy "sa-shell VERSION"
 * @param created when the bundle was made (ISO-8601, UTC)
 * @param host the host name of the machine that made it
 * @param os the operating system of the core and the runtime ("linux")
 * @param arch the core's and the runtime's architecture ("x86_64")
 * @param core the core inside the bundle
 * @param originalCore where the core lay when it was bundled
 * @param pid the crashed (or captured) process
 * @param jdkVersion the JDK build that wrote the core ("25.0.3+9-LTS"), empty when unknown
 * @param jdkHome the JDK home the core recorded
 * @param libjvmBuildId the GNU build-id of that JDK's libjvm.so, empty when the core holds none
 * @param minGlibc the oldest glibc the runtime runs with ("2.34"), empty when unknown
 * @param runtime the folder of the trimmed JDK that runs SA
 * @param root the folder holding, at their recorded paths, the files SA reads for the core (SA_ALTROOT)
 * @param redaction the redaction level of the core and the files beside it ("basic", "full"), empty when the
 *                  bundle holds the core as it was (and in bundles made before redaction existed)
 * @param files every entry but the manifest
 */
public record BundleManifest(String format, int formatVersion, String createdBy, String created, String host,
                             String os, String arch, String core, String originalCore, long pid, String jdkVersion,
                             String jdkHome, String libjvmBuildId, String minGlibc, String runtime, String root,
                             String redaction, List<Entry> files) {
    public static final String FORMAT = "sa-shell bundle";
    public static final int FORMAT_VERSION = 1;
    public static final String NAME = "manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public BundleManifest {
        files = files == null ? null : List.copyOf(files);
        redaction = redaction == null ? "" : redaction;
    }

    /** One file in the bundle. */
    public record Entry(String path, long size, String sha256, boolean executable) {
        public Entry {
            Objects.requireNonNull(path);
            Objects.requireNonNull(sha256);
        }
    }

    public BundleManifest withFiles(List<Entry> entries) {
        return new BundleManifest(format, formatVersion, createdBy, created, host, os, arch, core, originalCore, pid,
                jdkVersion, jdkHome, libjvmBuildId, minGlibc, runtime, root, redaction, entries);
    }

    public Optional<Entry> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    /** Bytes of all entries, uncompressed. */
    public long totalSize() {
        return files.stream().mapToLong(Entry::size).sum();
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("a manifest always serialises", e);
        }
    }

    /** Parses and checks a manifest; {@code name} names the bundle in messages. */
    public static BundleManifest parse(byte[] json, String name) throws BundleException {
        BundleManifest m;
        try {
            m = JSON.readValue(json, BundleManifest.class);
        } catch (IOException e) {
            throw new BundleException(name + ": not a sa-shell bundle: its manifest does not parse ("
                    + firstLine(e.getMessage()) + ")", e);
        }
        if (!FORMAT.equals(m.format())) {
            throw new BundleException(name + ": not a sa-shell bundle: its manifest says format \"" + m.format() + "\"");
        }
        if (m.formatVersion() > FORMAT_VERSION) {
            throw new BundleException(name + ": bundle format " + m.formatVersion() + " is newer than this sa-shell"
                    + " reads (" + FORMAT_VERSION + "): use the sa-shell inside the bundle (see the README)");
        }
        if (m.core() == null || m.runtime() == null || m.root() == null || m.files() == null
                || m.file(m.core()).isEmpty()) {
            throw new BundleException(name + ": not a sa-shell bundle: its manifest names no core");
        }
        for (Entry e : m.files()) {
            BundlePaths.check(e.path(), name);
        }
        return m;
    }

    /**
     * Why this bundle cannot be opened on a machine of {@code hostOs}/{@code hostArch} with glibc
     * {@code hostGlibc} (empty: not glibc, or unknown), or empty when it can.
     */
    public Optional<String> refusal(String hostOs, String hostArch, Optional<String> hostGlibc) {
        if (!os.equals(hostOs) || !arch.equals(hostArch)) {
            return Optional.of("holds a core and a JDK of " + os + "/" + arch + ", this machine is " + hostOs + "/"
                    + hostArch + ": open it on a " + os + "/" + arch + " machine (or a container of one)");
        }
        if (!minGlibc.isEmpty() && hostGlibc.isPresent() && GlibcVersions.compare(hostGlibc.get(), minGlibc) < 0) {
            return Optional.of("its JDK runtime needs glibc " + minGlibc + " or newer, this machine has "
                    + hostGlibc.get() + ": open it in a container of a newer Linux");
        }
        return Optional.empty();
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
