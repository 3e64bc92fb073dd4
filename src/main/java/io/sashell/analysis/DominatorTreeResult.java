package io.sashell.analysis;

import java.util.List;

/**
 * {@code dominators}: the dominator tree from the virtual root or below one object, depth first, children by
 * retained size.
 *
 * @param start null from the top of the tree
 */
public record DominatorTreeResult(RetainedObject start, List<Node> nodes, long reachableBytes) {
    public DominatorTreeResult {
        nodes = List.copyOf(nodes);
    }

    /**
     * One object of the tree at {@code depth} (1 = a child of the start).
     *
     * @param hiddenChildren children not shown (beyond the width), with {@code hiddenBytes} retained together
     */
    public record Node(int depth, RetainedObject object, long children, long hiddenChildren, long hiddenBytes) {
    }
}
