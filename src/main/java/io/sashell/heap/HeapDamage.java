package io.sashell.heap;

import java.util.Objects;

/**
 * A place where the walk could not go on: from {@code address} to the end of its stretch nothing was
 * visited ({@code skippedBytes}), as SA drops the rest of a stretch after a failure.
 *
 * @param stretchLabel the space or region the stretch lies in, e.g. {@code old} or {@code G1 region 7 eden}
 * @param klassAddress the klass word found there, 0 when there was none
 */
public record HeapDamage(long address, String stretchLabel, Reason reason, long klassAddress, long skippedBytes,
                         String detail) {

    /** Why the walk stopped. */
    public enum Reason {
        /** The header's klass pointer is null. */
        NULL_KLASS,
        /** The klass pointer does not lead to an instance or array Klass. */
        NOT_A_KLASS,
        /** The size the header and Klass give is zero, negative or overflows. */
        BAD_SIZE,
        /** The object ends past the top of its stretch: counted (as SA counts it), and the stretch ends there. */
        PAST_TOP,
        /** The core does not hold the bytes the walk needed. */
        UNREADABLE,
        /** A G1 humongous continues region with no starts region before it. */
        ORPHAN_HUMONGOUS
    }

    public HeapDamage {
        Objects.requireNonNull(stretchLabel, "stretchLabel");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
