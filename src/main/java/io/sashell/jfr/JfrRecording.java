package io.sashell.jfr;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.flightrecorder.CouldNotLoadRecordingException;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;

/**
 * One recording, parsed by JMC: one file, or the chunk files of a JFR repository in order. JMC is given only
 * the whole chunks ({@link ChunkScanner} finds them), so a recording cut by a crash yields what is whole,
 * and {@link #damage()} says what was lost. Cost: one framing pass plus JMC's parse, both linear in the file.
 */
public final class JfrRecording {
    /** JMC logs what it skips through java.util.logging; sa-shell reports damage itself, in one line. */
    private static final Logger JMC_LOG = Logger.getLogger("org.openjdk.jmc");

    static {
        JMC_LOG.setLevel(Level.OFF);
    }

    private final List<Path> files;
    private final List<ChunkScan> scans;
    private final IItemCollection events;
    private final long loadNanos;

    private JfrRecording(List<Path> files, List<ChunkScan> scans, IItemCollection events, long loadNanos) {
        this.files = List.copyOf(files);
        this.scans = List.copyOf(scans);
        this.events = events;
        this.loadNanos = loadNanos;
    }

    public static JfrRecording load(Path file) {
        return load(List.of(file));
    }

    /** Loads the files as one recording, in the given order. Errors are {@link JfrException}s. */
    public static JfrRecording load(List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files");
        }
        long t0 = System.nanoTime();
        List<ChunkScan> scans = new ArrayList<>();
        for (Path f : files) {
            scans.add(ChunkScanner.scan(f));
        }
        boolean plain = scans.stream().allMatch(s -> s.format() == ChunkScan.Format.PLAIN);
        String name = files.size() == 1 ? files.get(0).toString()
                : files.get(0).getParent() + " (" + files.size() + " files)";
        if (plain && scans.stream().allMatch(s -> s.chunks().isEmpty())) {
            String why = scans.get(scans.size() - 1).damage().orElse("no chunk");
            throw new JfrException(name + ": no whole chunk to read: " + why);
        }
        IItemCollection events;
        try {
            if (plain) {
                try (InputStream in = wholeChunks(scans)) {
                    events = JfrLoaderToolkit.loadEvents(in);
                }
            } else {
                List<File> list = new ArrayList<>();
                files.forEach(f -> list.add(f.toFile()));
                events = JfrLoaderToolkit.loadEvents(list);
            }
        } catch (CouldNotLoadRecordingException | IOException | RuntimeException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new JfrException(name + ": JMC cannot read the recording: " + msg.strip().replaceAll("\\s*\\R\\s*", " "),
                    e);
        }
        return new JfrRecording(files, scans, events, System.nanoTime() - t0);
    }

    /** The whole chunks of every file, one after the other, as one stream. */
    private static InputStream wholeChunks(List<ChunkScan> scans) throws IOException {
        List<InputStream> parts = new ArrayList<>();
        try {
            for (ChunkScan s : scans) {
                long whole = s.wholeBytes();
                if (whole == 0) {
                    continue;
                }
                FileChannel ch = FileChannel.open(s.file(), StandardOpenOption.READ);
                parts.add(new BoundedInputStream(Channels.newInputStream(ch), whole));
            }
        } catch (IOException e) {
            for (InputStream in : parts) {
                in.close();
            }
            throw e;
        }
        Enumeration<InputStream> e = Collections.enumeration(parts);
        return new SequenceInputStream(e);
    }

    public List<Path> files() {
        return files;
    }

    public List<ChunkScan> scans() {
        return scans;
    }

    /** What was lost, one line per damaged file; empty when every byte was read. */
    public List<String> damage() {
        List<String> out = new ArrayList<>();
        for (ChunkScan s : scans) {
            s.damage().ifPresent(d -> out.add(s.file().getFileName() + ": " + d));
        }
        return out;
    }

    public long loadNanos() {
        return loadNanos;
    }

    IItemCollection events() {
        return events;
    }

    /** Reads at most {@code limit} bytes of a stream. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
