package io.sashell.sa;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import sun.jvm.hotspot.debugger.Address;
import sun.jvm.hotspot.oops.Symbol;
import sun.jvm.hotspot.runtime.VM;

/**
 * The text of SA symbols (class, field and method names, signatures), each symbol read once per attached VM and a
 * word at a time. SA's {@code Symbol.asString()} reads a symbol byte by byte through its page cache, a hash lookup
 * per byte, and the same symbols come back for every class: field names and signatures repeat across classes, and
 * the class list, the class descriptions and the roots each ask for every class's name. Symbols in a core never
 * change. Reads stay on SA's page cache, so {@link SaReadRecorder} still sees every page they touch.
 */
final class SaSymbols {
    private static final Map<Long, String> TEXTS = new ConcurrentHashMap<>();
    private static volatile VM cachedFor;
    private static volatile long bodyOffset;

    private SaSymbols() {
    }

    /** Forgets the symbols of the VM attached before (called on attach). */
    static synchronized void reset() {
        TEXTS.clear();
        cachedFor = null;
    }

    /** The symbol's text, as {@code symbol.asString()} gives it. */
    static String text(Symbol symbol) {
        VM vm = VM.getVM();
        if (vm != cachedFor) {
            forVm(vm);
        }
        long key = symbol.getAddress().asLongValue();
        String text = TEXTS.get(key);
        if (text == null) {
            try {
                text = read(symbol);
            } catch (RuntimeException e) {
                // A word around the symbol that the core lacks: SA's own reading keeps to the symbol's bytes.
                text = symbol.asString();
            }
            TEXTS.put(key, text);
        }
        return text;
    }

    private static synchronized void forVm(VM vm) {
        if (vm != cachedFor) {
            TEXTS.clear();
            bodyOffset = vm.getTypeDataBase().lookupType("Symbol").getField("_body").getOffset();
            cachedFor = vm;
        }
    }

    /**
     * The bytes read as aligned 8-byte words (a symbol is word-aligned and its allocation ends on a word, so the
     * words stay inside it); ASCII text directly, anything else (modified UTF-8) decoded by SA.
     */
    private static String read(Symbol symbol) {
        int length = (int) symbol.getLength();
        Address base = symbol.getAddress();
        long symbolStart = base.asLongValue();
        long start = symbolStart + bodyOffset;
        long end = start + length;
        byte[] bytes = new byte[length];
        boolean ascii = true;
        for (long word = start & ~7L; word < end; word += 8) {
            long value = base.getJLongAt(word - symbolStart);
            for (int b = 0; b < 8; b++) {
                long at = word + b;
                if (at >= start && at < end) {
                    byte x = (byte) (value >>> (8 * b));
                    bytes[(int) (at - start)] = x;
                    ascii &= x > 0;
                }
            }
        }
        return ascii ? new String(bytes, StandardCharsets.ISO_8859_1) : symbol.asString();
    }
}
