package io.sashell.sa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class StackRangeTest {
    @Test
    void withoutRegistersTheRegisterListIsEmpty() {
        assertEquals(List.of(), new StackRange("t", 1, 2, 0x1000, 0x2000, "why").registers());
    }

    @Test
    void registersAreCopied() {
        List<Long> regs = new ArrayList<>(List.of(1L, 2L));
        StackRange r = new StackRange("t", 1, 2, 0x1000, 0x2000, "why", regs);
        regs.add(3L);
        assertEquals(List.of(1L, 2L), r.registers());
        assertThrows(UnsupportedOperationException.class, () -> r.registers().add(4L));
    }
}
