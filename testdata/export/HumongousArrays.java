/**
 * G1 humongous arrays, each over several regions with {@code -XX:G1HeapRegionSize=1m}: a {@code long[]} whose
 * element i is {@code i * 31 + 7}, a {@code byte[]} whose element i is {@code (byte) i}, and an {@code Object[]}
 * whose every 1000th slot holds {@code Integer} i (the others null); a {@code char[]} of (char) (i * 7), an
 * {@code int[]} of i * 13 + 5 and a {@code short[]} of (short) (i - 2), of lengths that are no multiple of eight
 * bytes' elements (the export swaps eight bytes at a time, then the rest); beside them {@code SMALL} small objects in an
 * ordinary array, so that an export takes long enough to be interrupted. Prints "ready", then idles until the
 * test aborts it.
 */
public class HumongousArrays {
    static final int LONGS = 458_752;      // 3.5 MB
    static final int BYTES = 2_621_440;    // 2.5 MB
    static final int SLOTS = 600_000;      // 2.3 MB with compressed oops
    static final int SMALL = 1_500_000;
    static final int CHARS = 300_001;
    static final int INTS = 250_003;
    static final int SHORTS = 13;

    static long[] longs;
    static byte[] bytes;
    static Object[] slots;
    static Object[] small;
    static char[] chars;
    static int[] ints;
    static short[] shorts;

    public static void main(String[] args) throws InterruptedException {
        longs = new long[LONGS];
        for (int i = 0; i < LONGS; i++) {
            longs[i] = i * 31L + 7;
        }
        bytes = new byte[BYTES];
        for (int i = 0; i < BYTES; i++) {
            bytes[i] = (byte) i;
        }
        slots = new Object[SLOTS];
        for (int i = 0; i < SLOTS; i += 1000) {
            slots[i] = Integer.valueOf(i);
        }
        chars = new char[CHARS];
        for (int i = 0; i < CHARS; i++) {
            chars[i] = (char) (i * 7);
        }
        ints = new int[INTS];
        for (int i = 0; i < INTS; i++) {
            ints[i] = i * 13 + 5;
        }
        shorts = new short[SHORTS];
        for (int i = 0; i < SHORTS; i++) {
            shorts[i] = (short) (i - 2);
        }
        small = new Object[SMALL];
        for (int i = 0; i < SMALL; i++) {
            small[i] = new int[] {i};
        }
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
