package io.sashell.redact;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class KeepRuleTest {
    @Test
    void globsMatchWholeNames() {
        KeepRule k = new KeepRule(List.of("java.lang.Thread", "com.example.*", "char[]"));
        assertTrue(k.keeps("java.lang.Thread"));
        assertFalse(k.keeps("java.lang.ThreadGroup"));
        assertTrue(k.keeps("com.example.Secret$Inner"));
        assertFalse(k.keeps("com.examples.Other"));
        assertTrue(k.keeps("char[]"));
        assertFalse(k.keeps("char[][]"));
        assertFalse(KeepRule.none().keeps("java.lang.Thread"));
        assertTrue(new KeepRule(List.of("*")).keeps("anything"));
        assertTrue(new KeepRule(List.of("a.$b")).keeps("a.$b"), "regex characters are literal");
    }
}
