package io.sashell.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Consumer;

import io.sashell.core.PendingPath;

/**
 * Unpacks each bundle once into a private cache folder ({@code <cache>/<first 32 hex digits of the bundle's
 * SHA-256>}, mode 0700), checked against its manifest on the way. Later opens of the same file find it by a
 * stamp (real path, size, modification time, inode) without reading the bundle again; a changed or copied file
 * is hashed again, so a damaged copy never opens the unpacked original.
 */
public final class BundleCache {
    private static final String COMPLETE = ".complete";
    private final Path root;

    /** {@code root} must exist and be private to the user (the caller makes it 0700). */
    public BundleCache(Path root) {
        this.root = root;
    }

    /**
     * The unpacked bundle: from the cache, or unpacked now (after checking the manifest against this machine
     * with {@code check}, which throws to refuse). Cost: a stat when unchanged; else one read of the bundle to
     * hash it, and when new, a full decompression.
     */
    public UnpackedBundle open(Path bundle, Check check, Consumer<String> progress) throws BundleException {
        Path real;
        String stamp;
        try {
            real = bundle.toRealPath();
            stamp = stampOf(real);
        } catch (IOException e) {
            throw new BundleException(bundle + ": no such file", e);
        }
        Path stampFile = root.resolve("stamps").resolve(Sha256.hex(real.toString().getBytes(StandardCharsets.UTF_8)));
        Optional<String> known = readStamp(stampFile, stamp);
        if (known.isPresent() && isComplete(root.resolve(known.get()))) {
            BundleManifest m = loadManifest(bundle, root.resolve(known.get()));
            check.accept(m);
            return new UnpackedBundle(bundle, root.resolve(known.get()), m, false);
        }
        String key = keyOf(bundle, real);
        Path dir = root.resolve(key);
        if (isComplete(dir)) {
            BundleManifest m = loadManifest(bundle, dir);
            check.accept(m);
            writeStamp(stampFile, stamp, key);
            return new UnpackedBundle(bundle, dir, m, false);
        }
        BundleManifest m = BundleReader.readManifest(bundle);
        check.accept(m);
        progress.accept("unpacking " + bundle + " (" + m.files().size() + " files, checking each) into " + dir);
        try {
            Path tmp = Files.createTempDirectory(root, ".unpack-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            try (PendingPath pending = PendingPath.of(tmp)) {
                BundleReader.unpack(bundle, tmp);
                Files.createFile(tmp.resolve(COMPLETE));
                PendingPath.deleteTree(dir); // a folder left incomplete by an older run
                try {
                    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                    pending.keep();
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                    if (!isComplete(dir)) {
                        throw e;
                    }
                    // Another sa-shell unpacked the same bundle meanwhile: use that one, drop ours.
                }
            }
            writeStamp(stampFile, stamp, key);
        } catch (IOException e) {
            throw new BundleException(bundle + ": cannot unpack into " + root + ": " + e.getMessage(), e);
        }
        return new UnpackedBundle(bundle, dir, m, true);
    }

    /** The cache folder of {@code bundle} when it was unpacked before and has not changed since; no hashing. */
    public Optional<UnpackedBundle> find(Path bundle) {
        try {
            Path real = bundle.toRealPath();
            Path stampFile = root.resolve("stamps").resolve(Sha256.hex(real.toString().getBytes(StandardCharsets.UTF_8)));
            Optional<String> key = readStamp(stampFile, stampOf(real));
            if (key.isPresent() && isComplete(root.resolve(key.get()))) {
                Path dir = root.resolve(key.get());
                return Optional.of(new UnpackedBundle(bundle, dir, loadManifest(bundle, dir), false));
            }
        } catch (IOException | BundleException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Refuses a bundle before it is unpacked (another architecture, a glibc too old). */
    @FunctionalInterface
    public interface Check {
        void accept(BundleManifest manifest) throws BundleException;
    }

    private static boolean isComplete(Path dir) {
        return Files.isRegularFile(dir.resolve(COMPLETE)) && Files.isRegularFile(dir.resolve(BundleManifest.NAME));
    }

    private static BundleManifest loadManifest(Path bundle, Path dir) throws BundleException {
        try {
            return BundleManifest.parse(Files.readAllBytes(dir.resolve(BundleManifest.NAME)), bundle.toString());
        } catch (IOException e) {
            throw new BundleException(bundle + ": cannot read its unpacked manifest in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String stampOf(Path real) throws IOException {
        Object inode = Files.getAttribute(real, "unix:ino");
        return real + "\t" + Files.size(real) + "\t" + Files.getLastModifiedTime(real).toMillis() + "\t" + inode;
    }

    private static Optional<String> readStamp(Path stampFile, String stamp) {
        try {
            String[] lines = Files.readString(stampFile).split("\n");
            if (lines.length == 2 && lines[0].equals(stamp) && lines[1].matches("[0-9a-f]{32}")) {
                return Optional.of(lines[1]);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private void writeStamp(Path stampFile, String stamp, String key) {
        try {
            Files.createDirectories(stampFile.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path tmp = Files.createTempFile(stampFile.getParent(), ".stamp-", ".tmp");
            Files.writeString(tmp, stamp + "\n" + key);
            Files.move(tmp, stampFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Without a stamp the next open hashes the bundle again: slower, still right.
        }
    }

    private static String keyOf(Path bundle, Path real) throws BundleException {
        MessageDigest d = Sha256.digest();
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(real)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new BundleException(bundle + ": cannot read: " + e.getMessage(), e);
        }
        return Sha256.hex(d).substring(0, 32);
    }
}
