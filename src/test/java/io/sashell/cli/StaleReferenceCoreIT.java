package io.sashell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.sashell.testkit.Jdks;
import io.sashell.testkit.Run;
import io.sashell.testkit.ScenarioCore;

/**
 * A reference to where no object starts ({@code testdata/damage/StaleReference.java}, JDK 17, G1): inspect shows
 * it as such and goes on with the other fields (it was an internal error that ended the session's commands), and
 * the index drops it with one example per holder.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaleReferenceCoreIT {
    private static final Pattern ADDRESS = Pattern.compile("(0x[0-9a-f]+)");
    private ScenarioCore core;
    private String holder;

    @BeforeAll
    void makeCore() throws Exception {
        core = ScenarioCore.abortWhenReady(Jdks.JDK17, "damage/StaleReference.java", "-Xmx64m", "-XX:+UseG1GC");
        Run r = Run.saShell(null, "open", core.core().toString(), "--no-index", "-c",
                "instances StaleReference$Holder");
        assertEquals(0, r.exitCode(), r.stderr());
        Matcher m = ADDRESS.matcher(r.stdout());
        assertTrue(m.find(), r.stdout());
        holder = m.group(1);
    }

    @AfterAll
    void deleteCore() throws Exception {
        if (core != null) {
            core.close();
        }
    }

    @Test
    void inspectShowsTheFieldAndTheOthers() throws Exception {
        Run r = Run.saShell(null, "open", core.core().toString(), "--no-index", "-c", "inspect " + holder,
                "-c", "histo StaleReference");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("(no object starts there)"), r.stdout());
        assertTrue(r.stdout().contains("StaleReference$Marker"), r.stdout());
        // The next command ran too.
        assertTrue(r.stdout().contains("StaleReference$Holder"), r.stdout());
        assertFalse(r.stderr().contains("internal error"), r.stderr());
    }

    @Test
    void theIndexDropsItWithOneExamplePerHolder() throws Exception {
        Run r = Run.saShell(null, "open", core.core().toString(), "--no-index", "-c", "index");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        String problem = r.stdout().lines().filter(l -> l.contains("where no object starts (dropped"))
                .findFirst().orElse("");
        assertTrue(problem.contains("object " + holder + " holds"), r.stdout());
        // Each example names another holder.
        assertEquals(1, problem.split("object " + holder + " holds", -1).length - 1, problem);
    }
}
