package io.sashell.cli.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sashell.analysis.HeapQueries;
import io.sashell.analysis.Histogram;
import io.sashell.analysis.HistogramDiff;
import io.sashell.analysis.HistogramRow;
import io.sashell.cli.UserDataException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "diff", description = "Histogram growth by class from this core to CORE_B (a later core of the same"
        + " program), biggest growth in bytes first. CORE_B is read by a second sa-shell process.")
final class DiffCommand extends ShellCommand {
    @Parameters(paramLabel = "CORE_B", description = "The other core.")
    Path other;

    @Option(names = "-n", paramLabel = "N", description = "Show N classes (default: ${DEFAULT-VALUE}; -1: all).",
            defaultValue = "20")
    long limit;

    @Override
    void run() {
        if (!Files.isRegularFile(other)) {
            throw new UserDataException("no such core: " + other);
        }
        List<HistogramRow> a = ctx.heap().histogram(null, Histogram.Sort.SIZE, -1, HeapQueries.Engine.WALKER).rows();
        List<HistogramRow> b = histogramOf(other);
        ctx.renderer().diff(HistogramDiff.of(ctx.core().toString(), a, other.toString(), b, limit));
    }

    /** The other core's histogram: SA attaches one core per process, so a child sa-shell reads it. */
    private static List<HistogramRow> histogramOf(Path core) {
        String home = System.getProperty("sashell.home");
        if (home == null) {
            throw new UserDataException("diff needs the sa-shell launcher (sashell.home is not set)");
        }
        Path launcher = Path.of(home, "sa-shell", "sa-shell");
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "open", core.toString(), "--json", "-c",
                "histo -n -1").redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = null;
        try {
            p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            if (rc != 0 || out.isBlank()) {
                throw new UserDataException("cannot read the histogram of " + core + " (sa-shell exit " + rc + ")");
            }
            JsonNode doc = new ObjectMapper().readTree(out.lines().findFirst().orElse("{}"));
            List<HistogramRow> rows = new ArrayList<>();
            for (JsonNode r : doc.path("rows")) {
                rows.add(new HistogramRow(r.get("class").asText(), r.get("count").asLong(), r.get("bytes").asLong(),
                        0, 0, r.path("loader").asText("")));
            }
            return rows;
        } catch (IOException e) {
            throw new UserDataException("cannot read the histogram of " + core + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new CancellationException("cancelled");
        }
    }
}
