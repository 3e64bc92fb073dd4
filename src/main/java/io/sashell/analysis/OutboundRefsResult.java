package io.sashell.analysis;

import java.util.List;

/** The references an object holds, in field order (hidden ones last): the shown ones and their total. */
public record OutboundRefsResult(ObjectSummary source, List<OutboundRef> refs, long total) {
    public OutboundRefsResult {
        refs = List.copyOf(refs);
    }
}
