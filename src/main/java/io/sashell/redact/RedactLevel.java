package io.sashell.redact;

import java.util.Locale;

/** How much {@code redact} removes. */
public enum RedactLevel {
    /**
     * What is known to carry data, keeping everything SA needs: primitive array contents, dead heap space,
     * the process's arguments and environment and their native copies, direct buffers, perf data, dead stack,
     * and the registers that can hold data bytes.
     */
    BASIC,
    /**
     * Also the primitive fields of instances and classes (but the few the VM reads), the general registers SA
     * does not use, and all native memory SA did not read while answering sa-shell's questions.
     */
    FULL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
