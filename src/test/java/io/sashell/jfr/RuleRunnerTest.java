package io.sashell.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmc.flightrecorder.rules.RuleRegistry;

class RuleRunnerTest {
    @Test
    void everyRegisteredRuleRunsAndTheFiredOnesComeFirst(@TempDir Path dir) throws IOException {
        JfrRecording r = JfrRecording.load(TestRecordings.record(dir.resolve("r.jfr"), 10));
        RulesReport report = RuleRunner.run(r);
        assertEquals(RuleRegistry.getRules().size(), report.outcomes().size());
        assertTrue(report.outcomes().size() >= 60, "JMC 9.1.1 registers 68 rules");
        List<RulesReport.Outcome> o = report.outcomes();
        for (int i = 1; i < o.size(); i++) {
            assertTrue(RuleRunner.order().compare(o.get(i - 1), o.get(i)) <= 0, o.get(i - 1) + " before " + o.get(i));
        }
    }

    @Test
    void orderIsSeverityThenScoreThenId() {
        RulesReport.Outcome w = outcome("b", RulesReport.Severity.WARNING, Double.NaN);
        RulesReport.Outcome w90 = outcome("z", RulesReport.Severity.WARNING, 90);
        RulesReport.Outcome i = outcome("a", RulesReport.Severity.INFO, 99);
        RulesReport.Outcome ok = outcome("a", RulesReport.Severity.OK, 0);
        RulesReport.Outcome na = outcome("a", RulesReport.Severity.NA, Double.NaN);
        List<RulesReport.Outcome> sorted = new java.util.ArrayList<>(List.of(na, ok, i, w, w90));
        sorted.sort(RuleRunner.order());
        assertEquals(List.of(w90, w, i, ok, na), sorted);
    }

    private static RulesReport.Outcome outcome(String id, RulesReport.Severity s, double score) {
        return new RulesReport.Outcome(id, id, "", s, score, "", "", "");
    }
}
