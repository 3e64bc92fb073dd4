package io.sashell.bundle;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import com.github.luben.zstd.ZstdOutputStream;

import io.sashell.core.PendingPath;

/**
 * Writes a bundle: one zstd stream (with content checksum) of a POSIX tar whose first entry is the manifest and
 * whose other entries are the given files, each listed in the manifest with its size and SHA-256. Standard tools
 * read it ({@code tar --zstd -xf X.bundle}). The file is written mode 0600 under a temporary name beside the
 * output and renamed at the end: a failure or Ctrl-C leaves nothing.
 */
public final class BundleWriter {
    /** zstd level 3: a 390 MB core → 68 MB in 2 s on 2 threads (see the notes on shipping a JDK). */
    public static final int DEFAULT_LEVEL = 3;
    /** Long-distance matching over 128 MB: the libjvm in the runtime and in the root are stored once. */
    private static final int LONG_WINDOW_LOG = 27;

    /** A file to store: its name in the bundle, where it is now, and whether it is executable. */
    public record Item(String name, Path source, boolean executable) {
    }

    /** What was written: the bundle's size and the bytes it holds uncompressed. */
    public record Written(Path file, long bytes, long contentBytes, BundleManifest manifest) {
    }

    private BundleWriter() {
    }

    /**
     * Writes {@code out} (which must not exist) holding {@code items} and {@code manifest} completed with their
     * sizes and checksums. Cost: each file is read twice (checksums first, so the manifest can come first).
     */
    public static Written write(Path out, BundleManifest manifest, List<Item> items, int level, int workers)
            throws IOException, BundleException {
        if (Files.exists(out)) {
            throw new FileAlreadyExistsException(out.toString());
        }
        List<BundleManifest.Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Item item : items) {
            BundlePaths.check(item.name(), out.toString());
            if (!names.add(item.name()) || item.name().equals(BundleManifest.NAME)) {
                throw new IllegalArgumentException("two bundle entries named " + item.name());
            }
            entries.add(new BundleManifest.Entry(item.name(), Files.size(item.source()), Sha256.ofFile(item.source()),
                    item.executable()));
        }
        BundleManifest complete = manifest.withFiles(entries);
        byte[] json = complete.toJson();
        try (PendingPath pending = PendingPath.besideTarget(out, ".tmp")) {
            Path tmp = pending.path();
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream file = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 20);
                 ZstdOutputStream zstd = new ZstdOutputStream(file, level);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(zstd)) {
                zstd.setChecksum(true);
                zstd.setWorkers(Math.max(0, workers));
                zstd.setLong(LONG_WINDOW_LOG);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setAddPaxHeadersForNonAsciiNames(true);
                putBytes(tar, BundleManifest.NAME, json);
                for (int i = 0; i < items.size(); i++) {
                    putFile(tar, items.get(i), entries.get(i), out);
                }
                tar.finish();
                zstd.flush();
                file.flush();
                channel.force(true);
            }
            pending.moveTo(out);
        }
        return new Written(out, Files.size(out), complete.totalSize() + json.length, complete);
    }

    private static void putBytes(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        e.setMode(0100600);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    private static void putFile(TarArchiveOutputStream tar, Item item, BundleManifest.Entry entry, Path out)
            throws IOException, BundleException {
        TarArchiveEntry e = new TarArchiveEntry(item.name());
        e.setSize(entry.size());
        e.setMode(item.executable() ? 0100700 : 0100600);
        e.setModTime(Files.getLastModifiedTime(item.source()));
        tar.putArchiveEntry(e);
        MessageDigest d = Sha256.digest();
        byte[] buf = new byte[1 << 20];
        long left = entry.size();
        try (InputStream in = Files.newInputStream(item.source())) {
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    break;
                }
                d.update(buf, 0, n);
                tar.write(buf, 0, n);
                left -= n;
            }
        }
        if (left != 0 || !Sha256.hex(d).equals(entry.sha256())) {
            throw new BundleException(item.source() + " changed while it was being bundled; try again");
        }
        tar.closeArchiveEntry();
    }
}
