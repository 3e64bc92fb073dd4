package io.sashell.sa;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import sun.jvm.hotspot.debugger.DebuggerBase;
import sun.jvm.hotspot.debugger.Page;
import sun.jvm.hotspot.debugger.PageCache;
import sun.jvm.hotspot.debugger.PageFetcher;
import sun.jvm.hotspot.runtime.VM;

/**
 * Records which pages of process memory SA reads from the core while it is recording: redaction keeps what
 * SA needs by running SA's own code over the core and watching where it reads.
 *
 * <p>Every read SA's Java code makes goes through the debugger's page cache ({@code DebuggerBase.readBytes}
 * and the typed reads), which fetches whole pages ({@link #PAGE_SIZE}) on a miss. The recorder swaps the
 * cache's page fetcher for one that notes each page it fetches and then empties the cache, so every page
 * read from then on is fetched, and noted, once. Reads libsaproc makes in C while attaching (the dynamic
 * linker's list of libraries) do not pass the cache and are not seen: callers keep those by other means.
 *
 * <p>Needs {@code --add-opens jdk.hotspot.agent/sun.jvm.hotspot.debugger=ALL-UNNAMED} (the launcher passes
 * it); without it {@link #start()} returns empty. Not thread-safe beyond SA's own locking.
 */
public final class SaReadRecorder implements AutoCloseable {
    /** The page size of SA's cache on Linux (LinuxDebuggerLocal: 4096). */
    public static final long PAGE_SIZE = 4096;

    private final PageCache cache;
    private final Field fetcherField;
    private final PageFetcher original;
    private final Set<Long> pages = new HashSet<>();
    private boolean closed;

    private SaReadRecorder(PageCache cache, Field fetcherField, PageFetcher original) {
        this.cache = cache;
        this.fetcherField = fetcherField;
        this.original = original;
    }

    /**
     * Starts recording SA's reads of the attached core; empty when SA's page cache cannot be reached (the
     * package is not opened to sa-shell, or the debugger has no cache).
     */
    public static Optional<SaReadRecorder> start() {
        VM vm = VM.getVM();
        if (vm == null || !(vm.getDebugger() instanceof DebuggerBase debugger)) {
            return Optional.empty();
        }
        try {
            Field cacheField = DebuggerBase.class.getDeclaredField("cache");
            cacheField.setAccessible(true);
            PageCache cache = (PageCache) cacheField.get(debugger);
            if (cache == null) {
                return Optional.empty();
            }
            Field fetcherField = PageCache.class.getDeclaredField("fetcher");
            fetcherField.setAccessible(true);
            PageFetcher original = (PageFetcher) fetcherField.get(cache);
            SaReadRecorder recorder = new SaReadRecorder(cache, fetcherField, original);
            synchronized (cache) {
                fetcherField.set(cache, (PageFetcher) recorder::fetch);
                cache.clear();
            }
            return Optional.of(recorder);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // InaccessibleObjectException without the --add-opens, or a JDK whose SA changed these fields.
            return Optional.empty();
        }
    }

    private Page fetch(long pageBaseAddress, long numBytes) {
        synchronized (pages) {
            for (long p = pageBaseAddress; p < pageBaseAddress + numBytes; p += PAGE_SIZE) {
                pages.add(p);
            }
        }
        return original.fetchPage(pageBaseAddress, numBytes);
    }

    /** The base addresses of the pages SA fetched since {@link #start()}, sorted (unsigned). */
    public long[] pages() {
        long[] out;
        synchronized (pages) {
            out = pages.stream().mapToLong(Long::longValue).toArray();
        }
        // Process addresses are below 2^63 on x86-64 Linux user space: a signed sort is the unsigned one.
        Arrays.sort(out);
        return out;
    }

    /** Puts SA's own fetcher back; the pages recorded stay readable through {@link #pages()}. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            synchronized (cache) {
                fetcherField.set(cache, original);
            }
        } catch (IllegalAccessException e) {
            // The field was made accessible in start(); a failure here leaves the recorder in place, harmless.
        }
    }
}
