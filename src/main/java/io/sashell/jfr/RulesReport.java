package io.sashell.jfr;

import java.util.List;

/**
 * The answer of {@code jfr rules}: JMC's automated analysis ({@code flightrecorder.rules.jdk}) on the
 * recording, the rules that fired first (warning, then information, by score), then the rest.
 */
public record RulesReport(List<Outcome> outcomes, long evaluationNanos) {
    public RulesReport {
        outcomes = List.copyOf(outcomes);
    }

    /** JMC's severities, lowest first, as JMC orders them. */
    public enum Severity { NA, OK, INFO, WARNING, IGNORE }

    /**
     * One rule's result. {@code score} is JMC's 0-100 score, NaN when the rule gives none; texts are as JMC
     * words them, empty when it gives none.
     */
    public record Outcome(String id, String name, String topic, Severity severity, double score, String summary,
                          String explanation, String solution) {
    }
}
