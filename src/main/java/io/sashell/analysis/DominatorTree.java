package io.sashell.analysis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

import io.sashell.index.HeapIndex;
import io.sashell.index.IndexProgress;

/**
 * The dominator tree of the heap graph and every object's retained size, over the index's strong edges
 * (referents of soft, weak, phantom and final references excluded, as Eclipse MAT does), from a virtual root
 * with an edge to every GC root. Object ids are the index's; the virtual root is {@link #root()}.
 * Memory: 4 bytes per object for the immediate dominators, 8 for retained sizes, 8 more once the children
 * lists are first asked for.
 */
public final class DominatorTree {
    private static final long MAGIC = 0x5341534844_4f4d31L; // "SASHDOM1"
    private static final int HEADER = 8 + 4 + 8 + 8;

    private final int[] idom;
    private final long[] retained;
    private volatile int[] childOffsets;
    private int[] children;

    DominatorTree(int[] idom, long[] retained) {
        if (retained.length != idom.length + 1) {
            throw new IllegalArgumentException("retained must have one entry more than idom");
        }
        this.idom = idom;
        this.retained = retained;
    }

    /**
     * Computes the tree of the index's graph, reading its edges in place (the mapped outbound and inbound
     * arrays). Cost: O(m log n); 24 bytes per object while it runs, then the tree's 12. Cancellable by
     * interrupt.
     */
    public static DominatorTree compute(HeapIndex index, IndexProgress progress) {
        if (index.edgeCount() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many references for the dominator tree: " + index.edgeCount());
        }
        int[] roots = index.roots().stream().mapToInt(r -> r.id()).filter(id -> id >= 0).distinct().toArray();
        Dominators.Result r = Dominators.compute(graph(index), roots, index::size, progress);
        return new DominatorTree(r.idom(), r.retained());
    }

    /** The index's strong edges as the dominator computation reads them. */
    static Dominators.Graph graph(HeapIndex index) {
        int n = index.objectCount();
        return new Dominators.Graph() {
            @Override
            public int nodes() {
                return n;
            }

            @Override
            public long outStart(int v) {
                return index.outboundStart(v);
            }

            @Override
            public int successor(long position) {
                return index.outboundTarget(position);
            }

            @Override
            public long inStart(int v) {
                return index.inboundStart(v);
            }

            @Override
            public int predecessor(long position) {
                return index.inboundSource(position);
            }
        };
    }

    /** The virtual root's id: one more than the last object's. */
    public int root() {
        return idom.length;
    }

    public int objectCount() {
        return idom.length;
    }

    /** The immediate dominator: an object, {@link #root()}, or {@link Dominators#UNREACHABLE}. One array read. */
    public int idom(int id) {
        return idom[id];
    }

    /** Bytes that would be freed if the object were gone; 0 for unreachable objects. One array read. */
    public long retained(int id) {
        return retained[id];
    }

    /** Bytes of every reachable object (the virtual root's retained size). */
    public long reachableBytes() {
        return retained[idom.length];
    }

    public boolean reachable(int id) {
        return idom[id] != Dominators.UNREACHABLE;
    }

    /** The objects {@code id} (or the virtual root) immediately dominates, in id order. First call: O(n). */
    public int[] children(int id) {
        childLists();
        return Arrays.copyOfRange(children, childOffsets[id], childOffsets[id + 1]);
    }

    /** How many objects {@code id} immediately dominates. With {@link #child}, a walk without copies. */
    int childCount(int id) {
        childLists();
        return childOffsets[id + 1] - childOffsets[id];
    }

    /** The {@code k}th object {@code id} immediately dominates, in id order. */
    int child(int id, int k) {
        return children[childOffsets[id] + k];
    }

    private synchronized void childLists() {
        if (childOffsets != null) {
            return;
        }
        int n = idom.length;
        int[] off = new int[n + 2];
        for (int v = 0; v < n; v++) {
            if (idom[v] >= 0) {
                off[idom[v] + 1]++;
            }
        }
        for (int i = 0; i <= n; i++) {
            off[i + 1] += off[i];
        }
        int[] ch = new int[off[n + 1]];
        int[] fill = Arrays.copyOf(off, n + 1);
        for (int v = 0; v < n; v++) {
            if (idom[v] >= 0) {
                ch[fill[idom[v]]++] = v;
            }
        }
        children = ch;
        childOffsets = off;
    }

    // -------------------------------------------------------------------------------------------------
    // Persistence: a file next to the index, valid only for the index file it was computed from.

    /**
     * Writes the tree to {@code file} (mode 0600, through a temporary file renamed into place).
     *
     * @param stamp identifies the index the tree belongs to (its file's length and modification time)
     */
    public void write(Path file, long indexLength, long indexModified) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(MAGIC).putInt(idom.length).putLong(indexLength).putLong(indexModified);
            for (int v : idom) {
                if (b.remaining() < 8) {
                    drain(ch, b);
                }
                b.putInt(v);
            }
            for (long r : retained) {
                if (b.remaining() < 8) {
                    drain(ch, b);
                }
                b.putLong(r);
            }
            drain(ch, b);
            ch.force(false);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void drain(FileChannel ch, ByteBuffer b) throws IOException {
        b.flip();
        while (b.hasRemaining()) {
            ch.write(b);
        }
        b.clear();
    }

    /**
     * The tree kept in {@code file}, or null when the file is missing, damaged, or belongs to another index.
     */
    public static DominatorTree read(Path file, int objectCount, long indexLength, long indexModified)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        long expected = HEADER + 4L * objectCount + 8L * (objectCount + 1L);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() != expected) {
                return null;
            }
            ByteBuffer b = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            b.limit(HEADER);
            fill(ch, b);
            b.flip();
            if (b.getLong() != MAGIC || b.getInt() != objectCount || b.getLong() != indexLength
                    || b.getLong() != indexModified) {
                return null;
            }
            int[] idom = new int[objectCount];
            long[] retained = new long[objectCount + 1];
            b.clear();
            b.flip();
            for (int i = 0; i < objectCount; i++) {
                if (b.remaining() < 4) {
                    b.compact();
                    fill(ch, b);
                    b.flip();
                }
                idom[i] = b.getInt();
                if (idom[i] < Dominators.UNREACHABLE || idom[i] > objectCount) {
                    return null;
                }
            }
            for (int i = 0; i <= objectCount; i++) {
                if (b.remaining() < 8) {
                    b.compact();
                    fill(ch, b);
                    b.flip();
                }
                retained[i] = b.getLong();
            }
            return new DominatorTree(idom, retained);
        }
    }

    private static void fill(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                break;
            }
        }
    }
}
