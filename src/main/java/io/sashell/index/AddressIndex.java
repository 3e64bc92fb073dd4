package io.sashell.index;

/**
 * Address → object id over the ascending addresses: the heap is cut into buckets of {@code 2^bucketShift}
 * bytes, each knowing the first id at or above its start, so a lookup is one bucket read and a binary search
 * over the few objects of one bucket. Addresses are stored as {@code (address - base) >> addressShift}.
 */
final class AddressIndex {
    private final PackedArray addresses;
    private final PackedArray buckets;
    private final long base;
    private final int addressShift;
    private final int bucketShift;
    private final long alignMask;
    private final int count;
    private final long maxAddress;

    AddressIndex(PackedArray addresses, PackedArray buckets, long base, int addressShift, int bucketShift) {
        this.addresses = addresses;
        this.buckets = buckets;
        this.base = base;
        this.addressShift = addressShift;
        this.bucketShift = bucketShift;
        this.alignMask = (1L << addressShift) - 1;
        this.count = (int) addresses.length();
        this.maxAddress = count == 0 ? 0 : address(count - 1);
    }

    long address(int id) {
        return base + (addresses.get(id) << addressShift);
    }

    int idOf(long address) {
        if (count == 0 || address < base || address > maxAddress || (address & alignMask) != 0) {
            return -1;
        }
        long bucket = (address - base) >>> bucketShift;
        int lo = buckets.getInt(bucket);
        int hi = buckets.getInt(bucket + 1) - 1;
        long key = (address - base) >>> addressShift;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long v = addresses.get(mid);
            if (v < key) {
                lo = mid + 1;
            } else if (v > key) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** The id of the last object starting at or below {@code address}, or -1. Cost: a binary search. */
    int floor(long address) {
        if (count == 0 || address < base) {
            return -1;
        }
        long key = (address - base) >>> addressShift;
        int lo = 0;
        int hi = count - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (addresses.get(mid) <= key) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return addresses.get(lo) <= key ? lo : -1;
    }

    /**
     * A bucket shift for {@code count} objects over {@code span} bytes: about two objects per bucket, never
     * finer than the object alignment.
     */
    static int bucketShift(long count, long span, int addressShift) {
        long target = Math.max(1, count / 2);
        long bytesPerBucket = Math.max(1, span / target);
        int shift = 64 - Long.numberOfLeadingZeros(bytesPerBucket - 1);
        return Math.max(addressShift, Math.min(shift, 40));
    }

    /** Number of bucket entries (buckets + 1) for objects up to {@code maxAddress}. */
    static long bucketEntries(long base, long maxAddress, int bucketShift, long count) {
        return count == 0 ? 1 : ((maxAddress - base) >>> bucketShift) + 2;
    }

    /** Fills {@code buckets} from the ascending {@code addresses}. */
    static void fillBuckets(PackedArray addresses, PackedArray buckets, int addressShift, int bucketShift) {
        long n = addresses.length();
        long id = 0;
        int rel = bucketShift - addressShift;
        try (PackedArray.Writer w = buckets.writer(0)) {
            for (long b = 0; b < buckets.length(); b++) {
                while (id < n && (addresses.get(id) >>> rel) < b) {
                    id++;
                }
                w.add(id);
            }
        }
    }
}
