import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import sun.misc.Unsafe;

/**
 * A G1 humongous {@code long[]} over several regions whose first part is filled with copies of the header of
 * a real {@code java.lang.Object}: a walk that starts in the middle of the array (SA walks humongous
 * continues regions from their bottom) sees fake objects there, and the zeros after them end its walk of
 * the last region before the filler that follows the array. Run with {@code -XX:+UseG1GC
 * -XX:G1HeapRegionSize=1m}. Prints {@code items N} (instances of {@link Item} held), {@code array-longs},
 * {@code fill-longs} (how many leading elements hold header copies), then {@code ready}.
 */
public class HumongousFake {

    static final class Item {
        final int id;

        Item(int id) {
            this.id = id;
        }
    }

    static final List<Object> KEEP = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        int items = 1234;
        int arrayLongs = 458_752;          // 3.5 MB of data: a starts region and three continues regions
        int fillLongs = 327_680;           // the first 2.5 MB of data hold header copies

        Field f = Unsafe.class.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        Unsafe unsafe = (Unsafe) f.get(null);
        Object model = new Object();
        long mark = unsafe.getLong(model, 0L);
        long klassWord = unsafe.getLong(model, 8L);

        long[] big = new long[arrayLongs];
        for (int i = 0; i + 1 < fillLongs; i += 2) {
            big[i] = mark;
            big[i + 1] = klassWord;
        }
        KEEP.add(big);
        KEEP.add(model);
        for (int i = 0; i < items; i++) {
            KEEP.add(new Item(i));
        }

        System.out.println("items " + items);
        System.out.println("array-longs " + arrayLongs);
        System.out.println("fill-longs " + fillLongs);
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
