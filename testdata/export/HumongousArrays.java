/**
 * G1 humongous arrays, each over several regions with {@code -XX:G1HeapRegionSize=1m}: a {@code long[]} whose
 * element i is {@code i * 31 + 7}, a {@code byte[]} whose element i is {@code (byte) i}, and an {@code Object[]}
 * whose every 1000th slot holds {@code Integer} i (the others null); beside them {@code SMALL} small objects in an
 * ordinary array, so that an export takes long enough to be interrupted. Prints "ready", then idles until the
 * test aborts it.
 */
public class HumongousArrays {
    static final int LONGS = 458_752;      // 3.5 MB
    static final int BYTES = 2_621_440;    // 2.5 MB
    static final int SLOTS = 600_000;      // 2.3 MB with compressed oops
    static final int SMALL = 1_500_000;

    static long[] longs;
    static byte[] bytes;
    static Object[] slots;
    static Object[] small;

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
        small = new Object[SMALL];
        for (int i = 0; i < SMALL; i++) {
            small[i] = new int[] {i};
        }
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
