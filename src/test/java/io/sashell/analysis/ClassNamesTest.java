package io.sashell.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClassNamesTest {
    private static final List<String> NAMES = List.of("java.lang.String", "java.lang.StringBuilder",
            "com.acme.OrderCache", "com.acme.OrderCache$Entry", "java.util.HashMap");

    @Test
    void sameSimpleNameComesFirst() {
        assertEquals(List.of("java.lang.String"), ClassNames.suggest("String", NAMES, 1));
    }

    @Test
    void typosAreCaught() {
        assertEquals(List.of("com.acme.OrderCache"), ClassNames.suggest("com.acme.OrderCahce", NAMES, 1));
        assertEquals(List.of("java.util.HashMap"), ClassNames.suggest("java.util.Hashmap", NAMES, 1));
    }

    @Test
    void farNamesAreNotSuggested() {
        assertEquals(List.of(), ClassNames.suggest("Zebra", NAMES, 3));
    }

    @Test
    void distance() {
        assertEquals(0, ClassNames.distance("abc", "abc"));
        assertEquals(1, ClassNames.distance("abc", "abd"));
        assertEquals(3, ClassNames.distance("", "abc"));
    }
}
