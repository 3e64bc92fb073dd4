import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import sun.misc.Unsafe;

/**
 * A live object whose reference field holds an address where no object starts, as a dead object's field points
 * where its referent was before a collection moved it (or as damage would): {@code Holder.target} is the narrow
 * oop of a {@code byte[]} plus 2, which is 16 bytes into the array with a shift of 3 and 2 bytes in (unaligned)
 * without one; the array's bytes are all 9, so what is read there as a header is garbage. Written with Unsafe;
 * run with compressed oops and let no collection happen after it (the JVM idles until aborted).
 * {@code Holder.next} is an ordinary reference to a {@link Marker}. Prints {@code ready}.
 */
public class StaleReference {

    static final class Holder {
        Object target;
        Object next;
    }

    static final class Marker {
        final int id = 42;
    }

    static final List<Object> KEEP = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Field f = Unsafe.class.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        Unsafe unsafe = (Unsafe) f.get(null);
        byte[] blob = new byte[256];
        Arrays.fill(blob, (byte) 9);
        Holder holder = new Holder();
        holder.target = blob;
        holder.next = new Marker();
        KEEP.add(blob);
        KEEP.add(holder);
        long offset = unsafe.objectFieldOffset(Holder.class.getDeclaredField("target"));
        unsafe.putInt(holder, offset, unsafe.getInt(holder, offset) + 2);
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
