package io.sashell.export;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

import io.sashell.core.MemoryReader;
import io.sashell.core.UnreadableMemoryException;
import io.sashell.sa.SaHeapCompression;
import io.sashell.sa.StackRange;

/**
 * The conservative roots of an export: every word of the stacks SA could not walk precisely, and every general
 * register of their threads, that is an object start becomes a root of that word's thread, as the graph index
 * makes them (with compressed oops each 32-bit half counts as a narrow oop too). Which words are object starts
 * is only known during the walk: the candidates are sorted once, and the walk, which visits objects in address
 * order, meets them with a cursor (one comparison per object).
 */
final class ConservativeRoots {
    /** Candidate addresses, sorted; {@code threads[i]} is the thread object of the stack of {@code words[i]}. */
    private final long[] words;
    private final long[] threads;
    private int cursor;

    private ConservativeRoots(long[] words, long[] threads) {
        this.words = words;
        this.threads = threads;
    }

    static ConservativeRoots none() {
        return new ConservativeRoots(new long[0], new long[0]);
    }

    /**
     * The candidates of {@code stacks}: each distinct value once per thread.
     *
     * @param narrow whether references are 32-bit (then both halves of a word are candidates too)
     */
    static ConservativeRoots of(List<StackRange> stacks, MemoryReader memory, SaHeapCompression oops, boolean narrow) {
        record Candidate(long word, long thread) {
        }
        Set<Candidate> found = new HashSet<>();
        for (StackRange s : stacks) {
            LongConsumer add = w -> {
                if (w != 0) {
                    found.add(new Candidate(w, s.threadObject()));
                }
                if (narrow) {
                    long low = w & 0xFFFF_FFFFL;
                    long high = w >>> 32;
                    if (low != 0) {
                        found.add(new Candidate(oops.decode(low), s.threadObject()));
                    }
                    if (high != 0) {
                        found.add(new Candidate(oops.decode(high), s.threadObject()));
                    }
                }
            };
            s.registers().forEach(add::accept);
            for (long p = s.low() & ~7L; p + 8 <= s.high(); p += 8) {
                try {
                    add.accept(memory.readLong(p));
                } catch (UnreadableMemoryException e) {
                    // Skip the rest of the page: the core holds no part of it.
                    p = (p | 0xFFF) - 7;
                }
            }
        }
        Candidate[] sorted = found.toArray(new Candidate[0]);
        Arrays.sort(sorted, (a, b) -> a.word != b.word ? Long.compareUnsigned(a.word, b.word)
                : Long.compare(a.thread, b.thread));
        long[] words = new long[sorted.length];
        long[] threads = new long[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            words[i] = sorted[i].word;
            threads[i] = sorted[i].thread;
        }
        return new ConservativeRoots(words, threads);
    }

    /** How many candidates there are (most are no object start). */
    int candidates() {
        return words.length;
    }

    /**
     * Whether a stack holds a word equal to {@code address}: the cheap test before {@link #match} (which takes a
     * consumer, a capturing lambda allocated per call). The same order rule as for {@code match}.
     */
    boolean hit(long address) {
        while (cursor < words.length && Long.compareUnsigned(words[cursor], address) < 0) {
            cursor++;
        }
        return cursor < words.length && words[cursor] == address;
    }

    /**
     * Calls {@code thread} with the thread object of each stack holding a word equal to {@code address}. Objects
     * must come in increasing address order; candidates below {@code address} are passed over for good.
     */
    void match(long address, LongConsumer thread) {
        if (!hit(address)) {
            return;
        }
        while (cursor < words.length && words[cursor] == address) {
            thread.accept(threads[cursor++]);
        }
    }
}
