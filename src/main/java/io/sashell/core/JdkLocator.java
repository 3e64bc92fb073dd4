package io.sashell.core;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the JDK that wrote a core: the core's NT_FILE names its libjvm.so ({@code <home>/lib/server/libjvm.so});
 * a JDK is the right one when its libjvm.so has the same GNU build-id as the one in the core. SA opens a
 * core only with the same build, and never checks this itself.
 *
 * <p>Candidates, first match wins: {@code --jdk}, the recorded home under {@code --sysroot}, the recorded
 * home, {@code JAVA_HOME}, extra homes (tests), then every directory in {@code /usr/lib/jvm} (symlinks
 * resolved, duplicates dropped). A {@code --jdk} that does not match is refused with the reason, unless
 * {@code --force} (never across feature releases: SA cannot open another release's core at all).
 *
 * <p>When the files SA reads are not at the paths the core recorded (the JDK moved, or the core comes
 * from another machine), the locator builds an SA_ALTROOT directory of symlinks to verified copies.
 * Needs no SA: runs on any JDK 17.
 */
public final class JdkLocator {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    /**
     * What the user said and where to look.
     *
     * @param jdk {@code --jdk HOME}
     * @param sysroot {@code --sysroot DIR}: a copy of the crashed machine's files (recorded paths below it)
     * @param force {@code --force}: accept a {@code --jdk} of another build of the same feature release, and
     *     missing runtime loader or CDS archive
     * @param javaHome the {@code JAVA_HOME} to try
     * @param extraHomes further JDK homes to try before {@code jvmDirectories}
     * @param jvmDirectories directories whose subdirectories are JDK homes ({@code /usr/lib/jvm})
     * @param altRootParent where to make the SA_ALTROOT directory when one is needed
     */
    public record Options(Optional<Path> jdk, Optional<Path> sysroot, boolean force, Optional<Path> javaHome,
                          List<Path> extraHomes, List<Path> jvmDirectories, Path altRootParent) {
        public Options {
            Objects.requireNonNull(jdk);
            Objects.requireNonNull(sysroot);
            Objects.requireNonNull(javaHome);
            extraHomes = List.copyOf(extraHomes);
            jvmDirectories = List.copyOf(jvmDirectories);
            Objects.requireNonNull(altRootParent);
        }

        /** No flags; JAVA_HOME from the environment; /usr/lib/jvm; alternate roots in java.io.tmpdir. */
        public static Options defaults() {
            String env = System.getenv("JAVA_HOME");
            Optional<Path> javaHome = env == null || env.isBlank() ? Optional.empty() : Optional.of(Path.of(env));
            return new Options(Optional.empty(), Optional.empty(), false, javaHome, List.of(),
                    List.of(Path.of("/usr/lib/jvm")), Path.of(System.getProperty("java.io.tmpdir")));
        }

        public Options withJdk(Path home) {
            return new Options(Optional.of(home), sysroot, force, javaHome, extraHomes, jvmDirectories, altRootParent);
        }

        public Options withSysroot(Path dir) {
            return new Options(jdk, Optional.of(dir), force, javaHome, extraHomes, jvmDirectories, altRootParent);
        }

        public Options withForce(boolean on) {
            return new Options(jdk, sysroot, on, javaHome, extraHomes, jvmDirectories, altRootParent);
        }

        public Options withJavaHome(Optional<Path> home) {
            return new Options(jdk, sysroot, force, home, extraHomes, jvmDirectories, altRootParent);
        }

        public Options withExtraHomes(List<Path> homes) {
            return new Options(jdk, sysroot, force, javaHome, homes, jvmDirectories, altRootParent);
        }

        public Options withJvmDirectories(List<Path> dirs) {
            return new Options(jdk, sysroot, force, javaHome, extraHomes, dirs, altRootParent);
        }

        public Options withAltRootParent(Path dir) {
            return new Options(jdk, sysroot, force, javaHome, extraHomes, jvmDirectories, dir);
        }
    }

    private final Options options;

    public JdkLocator(Options options) {
        this.options = Objects.requireNonNull(options);
    }

    /**
     * Finds the JDK for {@code core}. Cost: build-ids of the candidates' libjvm.so and of the core's mapped
     * libraries (a few small reads each) and a version scan of a few MB of core memory; when the JDK is not
     * at the recorded path, one directory of symlinks.
     *
     * @throws CoreFileException when the core is not of a Java VM, no JDK has its build, or {@code --jdk}
     *     is refused; the message is one line naming the core
     */
    public JdkLocation locate(ElfCore core) throws CoreFileException {
        Path corePath = core.path();
        MappedFile libjvm = libjvmMapping(core);
        Path recordedLib = Path.of(libjvm.filePath());
        Path recordedHome = homeOf(recordedLib);
        Path libRelative = recordedHome.relativize(recordedLib);
        Optional<String> buildId = BuildIds.ofMapped(core, libjvm.filePath());
        Optional<JvmVersion> coreVersion = JvmVersion.find(core);
        List<String> notes = new ArrayList<>();
        Probe probe = new Probe();

        Choice choice = options.jdk().isPresent()
                ? checkGivenJdk(options.jdk().get(), corePath, libRelative, buildId, coreVersion, probe, notes)
                : new Choice(search(corePath, recordedHome, libRelative, buildId, coreVersion, probe), false);
        Path home = choice.home();
        Optional<JvmVersion> version = coreVersion.isPresent() ? coreVersion : probe.version(home);
        if (buildId.isEmpty()) {
            notes.add("the core holds no build-id of " + recordedLib + ": matched the JDK by version only");
        }
        Path exe = chooseExecutable(core, recordedHome, home, probe, notes);
        Optional<Path> altRoot = altRoot(core, recordedHome, home, choice.forced(), probe, notes);
        return new JdkLocation(home, exe, altRoot, version, buildId, recordedHome, notes);
    }

    private static MappedFile libjvmMapping(ElfCore core) throws CoreFileException {
        MappedFile any = null;
        for (MappedFile f : core.mappedFiles()) {
            if (f.filePath().endsWith("/libjvm.so")) {
                if (f.fileOffset() == 0) {
                    return f;
                }
                if (any == null) {
                    any = f;
                }
            }
        }
        if (any != null) {
            return any;
        }
        String program = core.processInfo().map(ProcessInfo::fname)
                .or(() -> core.executablePath().map(p -> Path.of(p).getFileName().toString()))
                .orElse("unknown");
        throw new CoreFileException(core.path() + " is not a core of a Java VM: no libjvm.so among its mapped files"
                + " (program: " + program + ")");
    }

    /** {@code <home>/lib/server/libjvm.so} → {@code <home>}. */
    static Path homeOf(Path libjvm) {
        Path server = libjvm.getParent();
        Path lib = server == null ? null : server.getParent();
        Path home = lib == null ? null : lib.getParent();
        return home != null ? home : Objects.requireNonNullElse(server, libjvm);
    }

    /** The JDK to use; {@code forced} when --force made it stand in for another build. */
    private record Choice(Path home, boolean forced) {
    }

    private Choice checkGivenJdk(Path given, Path corePath, Path libRelative, Optional<String> buildId,
                               Optional<JvmVersion> coreVersion, Probe probe, List<String> notes)
            throws CoreFileException {
        if (!Files.isDirectory(given)) {
            throw new CoreFileException(corePath, "--jdk " + given + " is not a directory");
        }
        Path lib = given.resolve(libRelative);
        if (!Files.isRegularFile(lib)) {
            throw new CoreFileException(corePath, "--jdk " + given + " is not a JDK home (no " + libRelative + ")");
        }
        Optional<String> theirId = probe.buildId(lib);
        Optional<JvmVersion> theirVersion = probe.version(given);
        boolean sameBuild = buildId.isPresent() ? buildId.equals(theirId)
                : coreVersion.isPresent() && coreVersion.equals(theirVersion);
        boolean forced = false;
        if (!sameBuild) {
            String written = writtenBy(coreVersion, buildId);
            String theirs = "--jdk " + given + " is " + theirVersion.map(v -> "JDK " + v).orElse("a JDK of unknown version")
                    + " (libjvm build-id " + abbreviate(theirId) + ")";
            if (coreVersion.isPresent() && theirVersion.isPresent()
                    && coreVersion.get().feature() != theirVersion.get().feature()) {
                throw new CoreFileException(corePath, written + "; " + theirs
                        + ": SA opens only cores of its own feature release");
            }
            if (!options.force()) {
                String how = coreVersion.isPresent() && coreVersion.equals(theirVersion)
                        ? "--jdk " + given + " is the same version but another build (libjvm build-id "
                                + abbreviate(theirId) + ")"
                        : theirs;
                throw new CoreFileException(corePath, written + "; " + how + "; use --force to try it anyway");
            }
            notes.add("--force: using " + given + " although its libjvm build-id " + abbreviate(theirId)
                    + " differs from the core's " + abbreviate(buildId));
            forced = true;
        }
        if (!hasServiceabilityAgent(given)) {
            throw new CoreFileException(corePath, "--jdk " + given
                    + " has no serviceability agent (lib/libsaproc.so); give a full JDK");
        }
        return new Choice(realPath(given).orElse(given), forced);
    }

    private Path search(Path corePath, Path recordedHome, Path libRelative, Optional<String> buildId,
                        Optional<JvmVersion> coreVersion, Probe probe) throws CoreFileException {
        Path withoutAgent = null;
        for (Path home : candidates(recordedHome)) {
            Path lib = home.resolve(libRelative);
            if (!Files.isRegularFile(lib)) {
                continue;
            }
            boolean match = buildId.isPresent() ? buildId.equals(probe.buildId(lib))
                    : coreVersion.isPresent() && coreVersion.equals(probe.version(home));
            if (!match) {
                continue;
            }
            if (hasServiceabilityAgent(home)) {
                return home;
            }
            if (withoutAgent == null) {
                withoutAgent = home;
            }
        }
        String written = writtenBy(coreVersion, buildId);
        if (withoutAgent != null) {
            throw new CoreFileException(corePath, written + "; " + withoutAgent
                    + " has that build but no serviceability agent (lib/libsaproc.so); install the full JDK"
                    + " or point at one with --jdk HOME or --sysroot DIR");
        }
        throw new CoreFileException(corePath, written
                + "; no installed JDK has that build; point at it with --jdk HOME or --sysroot DIR");
    }

    /** Candidate homes in order, as real paths, existing ones only, each once. */
    List<Path> candidates(Path recordedHome) {
        List<Path> raw = new ArrayList<>();
        options.sysroot().ifPresent(root -> raw.add(under(root, recordedHome)));
        raw.add(recordedHome);
        options.javaHome().ifPresent(raw::add);
        raw.addAll(options.extraHomes());
        for (Path dir : options.jvmDirectories()) {
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                entries.forEach(children::add);
            } catch (IOException e) {
                continue;
            }
            children.sort(null);
            raw.addAll(children);
        }
        Set<Path> seen = new LinkedHashSet<>();
        for (Path p : raw) {
            realPath(p).filter(Files::isDirectory).ifPresent(seen::add);
        }
        return List.copyOf(seen);
    }

    private Path chooseExecutable(ElfCore core, Path recordedHome, Path home, Probe probe, List<String> notes) {
        Path fallback = home.resolve("bin").resolve("java");
        Optional<String> recorded = core.executablePath();
        if (recorded.isEmpty()) {
            notes.add("the core names no executable; SA gets " + fallback);
            return fallback;
        }
        Path exe = Path.of(recorded.get());
        Optional<String> exeId = BuildIds.ofMapped(core, recorded.get());
        List<Path> tries = new ArrayList<>();
        options.sysroot().ifPresent(root -> tries.add(under(root, exe)));
        tries.add(exe);
        if (exe.startsWith(recordedHome)) {
            tries.add(home.resolve(recordedHome.relativize(exe)));
        }
        for (Path candidate : tries) {
            if (!Files.isRegularFile(candidate)) {
                continue;
            }
            if (exeId.isEmpty()) {
                notes.add("the core holds no build-id of its executable " + exe + "; SA gets " + candidate
                        + " unchecked");
                return candidate;
            }
            if (exeId.equals(probe.buildId(candidate))) {
                return candidate;
            }
        }
        notes.add("the core's executable " + exe + " is not here (or is another build); SA gets " + fallback);
        return fallback;
    }

    /**
     * SA opens the runtime loader, every library and the CDS archive at the paths the core recorded, through
     * SA_ALTROOT when it is set (full path first, then the bare file name). When each of those files is
     * here, at its recorded path, as the same build, SA needs no alternate root; otherwise the locator links
     * each recorded path, and each bare file name, to the best verified copy: under --sysroot, in the
     * chosen JDK (for files of the recorded JDK home), or at the recorded path itself. With --force the
     * chosen JDK's files stand in for the recorded JDK's ones whatever their build.
     */
    private Optional<Path> altRoot(ElfCore core, Path recordedHome, Path home, boolean forced, Probe probe,
                                   List<String> notes) throws CoreFileException {
        Map<String, Path> links = new LinkedHashMap<>();
        boolean needed = false;
        for (String file : recordedFiles(core)) {
            Path recorded = Path.of(file);
            Optional<String> coreId = BuildIds.ofMapped(core, file);
            boolean vital = isLoader(recorded) || file.endsWith(".jsa") || file.endsWith("/libjvm.so");
            boolean checked = coreId.isPresent() || vital;
            if (!checked && !recorded.getFileName().toString().contains(".so")) {
                continue; // data files (lib/modules, locales): SA does not open them
            }
            Optional<Path> source = sourceOf(recorded, coreId, recordedHome, home, forced, probe);
            if (source.isPresent()) {
                links.put(file, source.get());
                if (checked && !realPath(recorded).equals(realPath(source.get()))) {
                    needed = true;
                }
            } else if (checked) {
                needed = true;
                if (vital && !options.force()) {
                    String what = isLoader(recorded) ? "runtime loader" : file.endsWith(".jsa") ? "CDS archive" : "libjvm";
                    throw new CoreFileException(core.path(), "the core's " + what + " " + file
                            + coreId.map(id -> " (build-id " + abbreviate(Optional.of(id)) + ")").orElse("")
                            + " is not on this machine; SA needs it: point at a copy with --sysroot DIR");
                }
                notes.add(file + " is not here" + (vital ? " (--force: SA will likely fail without it)"
                        : "; SA shows no symbols of it"));
            }
        }
        if (!needed) {
            return Optional.empty();
        }
        try {
            return Optional.of(makeAltRoot(links));
        } catch (IOException e) {
            throw new CoreFileException(core.path(), "cannot make an SA_ALTROOT directory in "
                    + options.altRootParent() + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * NT_FILE paths of real files, each once, without the " (deleted)" marker, less the executable: SA is
     * given that path itself and does not look it up under SA_ALTROOT.
     */
    private static List<String> recordedFiles(ElfCore core) {
        Optional<String> exe = core.executablePath();
        Set<String> files = new LinkedHashSet<>();
        for (MappedFile f : core.mappedFiles()) {
            String p = f.filePath();
            if (p.startsWith("/") && !p.startsWith("/dev/") && !p.startsWith("/proc/") && !p.startsWith("/sys/")
                    && !p.startsWith("/memfd:") && !p.startsWith("/SYSV") && !p.contains("/hsperfdata_")
                    && !exe.equals(Optional.of(p))) {
                files.add(p);
            }
        }
        return List.copyOf(files);
    }

    private Optional<Path> sourceOf(Path recorded, Optional<String> coreId, Path recordedHome, Path home,
                                    boolean forced, Probe probe) {
        if (forced && recorded.startsWith(recordedHome)) {
            Path inHome = home.resolve(recordedHome.relativize(recorded));
            return Files.isRegularFile(inHome) ? realPath(inHome) : Optional.empty();
        }
        List<Path> tries = new ArrayList<>();
        options.sysroot().ifPresent(root -> tries.add(under(root, recorded)));
        if (recorded.startsWith(recordedHome)) {
            tries.add(home.resolve(recordedHome.relativize(recorded)));
        }
        tries.add(recorded);
        for (Path p : tries) {
            if (Files.isRegularFile(p) && (coreId.isEmpty() || coreId.equals(probe.buildId(p)))) {
                return realPath(p);
            }
        }
        return Optional.empty();
    }

    private Path makeAltRoot(Map<String, Path> links) throws IOException {
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        Files.createDirectories(options.altRootParent());
        Path root = Files.createTempDirectory(options.altRootParent(), "sa-shell-altroot-", ownerOnly);
        try {
            for (Map.Entry<String, Path> e : links.entrySet()) {
                Path link = root.resolve(e.getKey().substring(1));
                createDirectories(root, link.getParent(), ownerOnly);
                Files.createSymbolicLink(link, e.getValue());
            }
            // libsaproc falls back to the bare file name: it opens the loader by the executable's PT_INTERP
            // path and libraries by the names the dynamic linker used, which need not be the real paths.
            for (Map.Entry<String, Path> e : links.entrySet()) {
                Path flat = root.resolve(Path.of(e.getKey()).getFileName().toString());
                if (!Files.exists(flat, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(flat, e.getValue());
                }
            }
        } catch (IOException | RuntimeException e) {
            try {
                JdkLocation.deleteLinkTree(root);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return root;
    }

    private static void createDirectories(Path root, Path dir, FileAttribute<Set<PosixFilePermission>> attr)
            throws IOException {
        if (dir.equals(root) || Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        createDirectories(root, dir.getParent(), attr);
        Files.createDirectory(dir, attr);
    }

    private static boolean isLoader(Path p) {
        return p.getFileName().toString().startsWith("ld-linux");
    }

    private static boolean hasServiceabilityAgent(Path home) {
        return Files.isRegularFile(home.resolve("lib").resolve("libsaproc.so"));
    }

    /** {@code absolute} below {@code root}: /usr/lib/x under /sysroot is /sysroot/usr/lib/x. */
    private static Path under(Path root, Path absolute) {
        String s = absolute.toString();
        return root.resolve(s.startsWith("/") ? s.substring(1) : s);
    }

    private static Optional<Path> realPath(Path p) {
        try {
            return Optional.of(p.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String writtenBy(Optional<JvmVersion> version, Optional<String> buildId) {
        return "written by " + version.map(v -> "JDK " + v).orElse("a JDK of unknown version")
                + " (libjvm build-id " + buildId.map(id -> abbreviate(Optional.of(id))).orElse("not in the core") + ")";
    }

    /** First 8 hex digits and an ellipsis: enough to tell builds apart in a message. */
    static String abbreviate(Optional<String> buildId) {
        return buildId.map(id -> id.length() > 8 ? id.substring(0, 8) + "…" : id).orElse("none");
    }

    /** Build-ids and release versions of files on disk, each read once per locate call. */
    private static final class Probe {
        private final Map<Path, Optional<String>> ids = new HashMap<>();
        private final Map<Path, Optional<JvmVersion>> versions = new HashMap<>();

        Optional<String> buildId(Path file) {
            return ids.computeIfAbsent(file, f -> {
                try {
                    return BuildIds.ofFile(f);
                } catch (IOException e) {
                    return Optional.empty();
                }
            });
        }

        Optional<JvmVersion> version(Path home) {
            return versions.computeIfAbsent(home, h -> {
                try {
                    return JvmVersion.ofJdk(h);
                } catch (IOException e) {
                    return Optional.empty();
                }
            });
        }
    }
}
