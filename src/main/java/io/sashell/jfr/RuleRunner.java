package io.sashell.jfr;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.RuleRegistry;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit;
import org.openjdk.jmc.flightrecorder.rules.ResultToolkit;

/**
 * Runs every rule JMC registers (found by ServiceLoader: the shaded jar keeps {@code META-INF/services}) with
 * JMC's default preferences. Cost: about a second for a crash recording, in parallel on the machine's cores.
 */
public final class RuleRunner {
    private static final long TIMEOUT_SECONDS = 120;

    private RuleRunner() {
    }

    public static RulesReport run(JfrRecording r) {
        long t0 = System.nanoTime();
        Collection<IRule> rules = RuleRegistry.getRules();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        Map<IRule, Future<IResult>> futures = RulesToolkit.evaluateParallel(rules, r.events(),
                IPreferenceValueProvider.DEFAULT_VALUES, threads);
        List<RulesReport.Outcome> out = new ArrayList<>();
        for (Map.Entry<IRule, Future<IResult>> e : futures.entrySet()) {
            IRule rule = e.getKey();
            try {
                out.add(outcome(rule, e.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)));
            } catch (ExecutionException | TimeoutException | RuntimeException ex) {
                Throwable cause = ex instanceof ExecutionException && ex.getCause() != null ? ex.getCause() : ex;
                out.add(new RulesReport.Outcome(rule.getId(), rule.getName(), text(rule.getTopic()),
                        RulesReport.Severity.NA, Double.NaN, "the rule failed: " + cause, "", ""));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new JfrException("interrupted while JMC's rules ran", ex);
            }
        }
        out.sort(order());
        return new RulesReport(out, System.nanoTime() - t0);
    }

    /** Warnings first, then information, OK, not applicable; higher scores first; then by id. */
    static Comparator<RulesReport.Outcome> order() {
        return Comparator.comparingInt((RulesReport.Outcome o) -> rank(o.severity()))
                .thenComparing(o -> Double.isNaN(o.score()) ? -1 : o.score(), Comparator.reverseOrder())
                .thenComparing(RulesReport.Outcome::id);
    }

    private static int rank(RulesReport.Severity s) {
        switch (s) {
            case WARNING: return 0;
            case INFO: return 1;
            case OK: return 2;
            case NA: return 3;
            default: return 4;
        }
    }

    private static RulesReport.Outcome outcome(IRule rule, IResult result) {
        IQuantity score = result.getResult(TypedResult.SCORE);
        return new RulesReport.Outcome(rule.getId(), rule.getName(), text(rule.getTopic()),
                RulesReport.Severity.valueOf(result.getSeverity().name()),
                score == null ? Double.NaN : score.doubleValue(),
                message(result, result.getSummary()), message(result, result.getExplanation()),
                message(result, result.getSolution()));
    }

    private static String message(IResult result, String template) {
        if (template == null) {
            return "";
        }
        String s = ResultToolkit.populateMessage(result, template, false);
        return s == null ? "" : s.strip();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
