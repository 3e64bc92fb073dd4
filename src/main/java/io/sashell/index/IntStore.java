package io.sashell.index;

/** A fixed array of ints on the heap or in mapped pages, for the build's scratch arrays. */
interface IntStore {
    int get(long index);

    void set(long index, int value);

    static IntStore of(int[] values) {
        return new IntStore() {
            @Override
            public int get(long index) {
                return values[(int) index];
            }

            @Override
            public void set(long index, int value) {
                values[(int) index] = value;
            }
        };
    }

    static IntStore of(Pages pages) {
        return new IntStore() {
            @Override
            public int get(long index) {
                return pages.getInt(index << 2);
            }

            @Override
            public void set(long index, int value) {
                pages.putInt(index << 2, value);
            }
        };
    }
}
