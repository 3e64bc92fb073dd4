package io.sashell.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.sashell.index.EdgeLabel;
import io.sashell.index.HeapIndex;
import io.sashell.index.IndexedKlass;

/** The static fields of every class whose mirror is on the heap, biggest retained value first. */
public final class Statics {
    private Statics() {
    }

    /** Cost: a read of every mirror's static fields. */
    public static StaticsResult of(HeapIndex index, DominatorTree tree, long limit) {
        List<StaticsResult.Row> rows = new ArrayList<>();
        for (IndexedKlass k : index.klasses()) {
            int mirror = k.mirror();
            if (mirror < 0 || k.staticFields().isEmpty()) {
                continue;
            }
            for (HeapIndex.Reference r : index.references(mirror, -1)) {
                EdgeLabel l = r.label();
                if (l.kind() != EdgeLabel.Kind.STATIC_FIELD || r.id() < 0) {
                    continue;
                }
                long retained = tree.retained(r.id());
                rows.add(new StaticsResult.Row(k.name(), l.name(), ObjectSummary.of(index, r.id()), retained,
                        AnswersSupport.percent(retained, tree.reachableBytes()), tree.idom(r.id()) == mirror));
            }
        }
        rows.sort(Comparator.comparingLong(StaticsResult.Row::retained).reversed()
                .thenComparing(StaticsResult.Row::name));
        long fields = rows.size();
        List<StaticsResult.Row> shown = limit >= 0 && limit < rows.size() ? rows.subList(0, (int) limit) : rows;
        return new StaticsResult(shown, fields, tree.reachableBytes());
    }
}
