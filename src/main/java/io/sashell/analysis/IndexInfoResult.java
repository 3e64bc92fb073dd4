package io.sashell.analysis;

import java.util.List;

/**
 * The index of the open core: where it is kept (empty when nowhere), whether it was built now or read back
 * (and why an older file was rejected), its size, and the problems its build met.
 */
public record IndexInfoResult(String file, long fileBytes, boolean built, String rejection, long openMillis,
                              long buildMillis, long objects, long edges, long weakEdges, long roots, long classes,
                              long liveObjects, List<String> problems) {
    public IndexInfoResult {
        problems = List.copyOf(problems);
    }
}
