package io.sashell.bundle;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import com.github.luben.zstd.ZstdInputStream;

/**
 * Reads bundles written by {@link BundleWriter}, trusting nothing: entry names are checked, every file must be
 * in the manifest with its exact size and SHA-256, none may be missing, and the zstd content checksum must hold.
 * Every failure is a {@link BundleException} with one line.
 */
public final class BundleReader {
    private static final int MAX_MANIFEST = 16 << 20;
    private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final FileAttribute<Set<PosixFilePermission>> DIR_ATTR = PosixFilePermissions.asFileAttribute(DIR);

    private BundleReader() {
    }

    /** True when the file starts with the zstd magic number (a bundle, or some other zstd file). */
    public static boolean looksLikeBundle(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return java.util.Arrays.equals(head, ZSTD_MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /** The manifest alone. Cost: decompresses the start of the bundle. */
    public static BundleManifest readManifest(Path bundle) throws BundleException {
        try (Reading r = new Reading(bundle)) {
            return r.manifest();
        } catch (IOException e) {
            throw damaged(bundle, e);
        }
    }

    /**
     * Unpacks the bundle into {@code dir} (an empty directory) and checks every file against the manifest.
     * Files are written mode 0600 (0700 when executable), directories 0700. On failure {@code dir} keeps what
     * was written so far: the caller unpacks into a temporary directory and deletes it.
     */
    public static BundleManifest unpack(Path bundle, Path dir) throws BundleException {
        try (Reading r = new Reading(bundle)) {
            BundleManifest manifest = r.manifest();
            Map<String, BundleManifest.Entry> expected = new HashMap<>();
            manifest.files().forEach(f -> expected.put(f.path(), f));
            TarArchiveEntry e;
            byte[] buf = new byte[1 << 20];
            while ((e = r.tar.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName();
                BundlePaths.check(name, bundle.toString());
                BundleManifest.Entry want = expected.remove(name);
                if (want == null) {
                    throw new BundleException(bundle + ": damaged bundle: entry " + name
                            + (manifest.file(name).isPresent() ? " appears twice" : " is not in its manifest"));
                }
                if (!e.isFile() || e.isLink() || e.isSymbolicLink()) {
                    throw new BundleException(bundle + ": not a sa-shell bundle: " + name + " is not a plain file");
                }
                Path target = dir.resolve(name);
                if (!target.normalize().startsWith(dir)) {
                    throw new BundleException(bundle + ": not a sa-shell bundle: unsafe entry name \"" + name + "\"");
                }
                createDirectories(dir, target.getParent());
                MessageDigest d = Sha256.digest();
                long size = 0;
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                            want.executable() ? "rwx------" : "rw-------"));
                    int n;
                    while ((n = r.tar.read(buf)) > 0) {
                        d.update(buf, 0, n);
                        out.write(buf, 0, n);
                        size += n;
                    }
                }
                if (size != want.size()) {
                    throw new BundleException(bundle + ": damaged bundle: " + name + " has " + size
                            + " bytes, its manifest says " + want.size() + " (truncated?)");
                }
                if (!Sha256.hex(d).equals(want.sha256())) {
                    throw new BundleException(bundle + ": damaged bundle: the SHA-256 of " + name
                            + " differs from its manifest's");
                }
            }
            if (!expected.isEmpty()) {
                throw new BundleException(bundle + ": damaged bundle: " + expected.size() + " of "
                        + manifest.files().size() + " files missing (first: " + expected.keySet().iterator().next()
                        + "); was it cut short while copying?");
            }
            r.drain();
            Files.write(dir.resolve(BundleManifest.NAME), manifest.toJson(), StandardOpenOption.CREATE_NEW);
            return manifest;
        } catch (IOException e) {
            throw damaged(bundle, e);
        }
    }

    private static void createDirectories(Path root, Path dir) throws IOException {
        if (dir.equals(root) || Files.isDirectory(dir)) {
            return;
        }
        createDirectories(root, dir.getParent());
        Files.createDirectory(dir, DIR_ATTR);
    }

    private static BundleException damaged(Path bundle, IOException e) {
        String why = BundleManifest.firstLine(e.getMessage());
        if (e instanceof java.nio.file.NoSuchFileException) {
            return new BundleException(bundle + ": no such file", e);
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return new BundleException(bundle + ": permission denied", e);
        }
        if (e instanceof java.nio.file.FileSystemException) {
            return new BundleException(bundle + ": cannot unpack: " + why, e);
        }
        return new BundleException(bundle + ": damaged bundle (truncated or corrupted: "
                + (why.isEmpty() ? e.getClass().getSimpleName() : why) + ")", e);
    }

    /** An open bundle stream, positioned after the manifest once {@link #manifest()} has run. */
    private static final class Reading implements AutoCloseable {
        private final Path bundle;
        private final ZstdInputStream zstd;
        private final TarArchiveInputStream tar;

        Reading(Path bundle) throws IOException, BundleException {
            this.bundle = bundle;
            if (!Files.isRegularFile(bundle)) {
                throw new java.nio.file.NoSuchFileException(bundle.toString());
            }
            if (!looksLikeBundle(bundle)) {
                throw new BundleException(bundle + ": not a sa-shell bundle (it is not zstd-compressed)");
            }
            InputStream file = new BufferedInputStream(Files.newInputStream(bundle), 1 << 20);
            ZstdInputStream z;
            try {
                z = new ZstdInputStream(file);
            } catch (IOException | RuntimeException e) {
                file.close();
                throw e;
            }
            this.zstd = z;
            this.tar = new TarArchiveInputStream(z);
        }

        BundleManifest manifest() throws IOException, BundleException {
            TarArchiveEntry first;
            try {
                first = tar.getNextEntry();
            } catch (IOException e) {
                throw new BundleException(bundle + ": not a sa-shell bundle: a zstd file but not a tar archive;"
                        + " a compressed core? decompress it first (zstd -d)", e);
            }
            if (first == null || !first.getName().equals(BundleManifest.NAME) || first.getSize() > MAX_MANIFEST) {
                throw new BundleException(bundle + ": not a sa-shell bundle: a zstd file that does not start with "
                        + BundleManifest.NAME + " (a compressed core? decompress it first: zstd -d)");
            }
            byte[] json = tar.readNBytes((int) first.getSize());
            if (json.length != first.getSize()) {
                throw new java.io.EOFException("the manifest is cut short");
            }
            return BundleManifest.parse(json, bundle.toString());
        }

        /** Reads to the end of the zstd stream so its content checksum is verified. */
        void drain() throws IOException {
            byte[] buf = new byte[1 << 16];
            while (zstd.read(buf) >= 0) {
                // tar's end-of-archive padding; the checksum is checked at the frame's end
            }
        }

        @Override
        public void close() throws IOException {
            tar.close();
        }
    }
}
