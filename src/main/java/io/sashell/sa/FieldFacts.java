package io.sashell.sa;

/**
 * One field (or array element) of an object. {@code type} is the declared type ("int",
 * "java.lang.String"); {@code value} the display text (a String's text quoted, a number, "null");
 * {@code reference} the address a reference field points at (0 otherwise) and {@code referenceClass} its class.
 */
public record FieldFacts(String name, String type, String value, long reference, String referenceClass) {
}
