package io.sashell.analysis;

import java.util.List;

/** {@code statics}: static reference fields by the retained size of their values (question 5). */
public record StaticsResult(List<Row> rows, long fields, long reachableBytes) {
    public StaticsResult {
        rows = List.copyOf(rows);
    }

    /**
     * One static field holding an object.
     *
     * @param owned    true when the class's mirror dominates the value (the field alone keeps it)
     */
    public record Row(String className, String field, ObjectSummary value, long retained, double percent,
                      boolean owned) {
        public String name() {
            return className + "." + field;
        }
    }
}
