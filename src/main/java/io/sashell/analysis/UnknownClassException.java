package io.sashell.analysis;

import java.util.List;

/** A class name that no loaded class has; carries close names for a hint. */
public final class UnknownClassException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> suggestions;

    public UnknownClassException(String name, List<String> suggestions) {
        super("no loaded class is named " + name
                + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(", ", suggestions) + "?"));
        this.suggestions = List.copyOf(suggestions);
    }

    public List<String> suggestions() {
        return suggestions;
    }
}
