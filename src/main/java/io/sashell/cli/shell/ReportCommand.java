package io.sashell.cli.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.sashell.cli.UserDataException;
import io.sashell.jfr.HeapTrend;
import io.sashell.jfr.HeapTrends;
import io.sashell.report.HtmlReport;
import io.sashell.report.Report;
import io.sashell.report.ReportBuilder;
import io.sashell.report.ReportInputs;
import io.sashell.sa.JavaThreadFacts;
import io.sashell.sa.ObjectFacts;
import io.sashell.sa.SaThreads;
import io.sashell.sa.StackFacts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", description = "Write one self-contained HTML file (mode 0600, nothing fetched from the"
        + " network): summary, leak suspects with their paths, a treemap of the dominator tree, classes, biggest"
        + " objects, static fields, threads, process memory and the recording's heap trend.")
final class ReportCommand extends ShellCommand {
    /** Array elements read for a clicked array's fields. */
    private static final int ELEMENTS = 16;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The HTML file to write.")
    Path output;

    @Option(names = "--redact", description = "Structure only: no primitive values, strings, field values, thread"
            + " names or command line, so that the report can leave the company.")
    boolean redact;

    @Override
    void run() {
        long t0 = System.nanoTime();
        var index = GraphArgs.index(ctx);
        var tree = AnswersArgs.tree(ctx);
        List<StackFacts> stacks = new ArrayList<>();
        for (JavaThreadFacts t : SaThreads.threads()) {
            stacks.add(SaThreads.stack(t));
        }
        HeapTrend trend = null;
        String note = "";
        String recording = "";
        if (ctx.jfr().search(ctx).best().isEmpty()) {
            note = "no Flight Recorder recording was found beside the core (open --jfr FILE names one)";
        } else {
            try {
                var rec = ctx.jfr().recording(ctx);
                trend = HeapTrends.of(rec);
                recording = rec.files().get(0).getFileName().toString();
            } catch (UserDataException | IllegalArgumentException e) {
                note = "the recording could not be read: " + e.getMessage();
            }
        }
        ReportInputs in = new ReportInputs(ctx.core().toString(), InfoCommand.result(ctx), stacks, index, tree,
                MemoryCommand.result(ctx), trend, recording, note, this::inspect);
        Report report = ReportBuilder.build(in, redact || ctx.redacted());
        try {
            ctx.renderer().report(HtmlReport.write(report, output, ctx.core(), t0));
        } catch (IOException e) {
            throw new UserDataException("cannot write " + output + ": " + e.getMessage(), e);
        }
    }

    /** The object's fields as {@code inspect} reads them; empty when it cannot (a report is never refused). */
    private Optional<ObjectFacts> inspect(long address) {
        try {
            return Optional.of(ctx.heap().inspect(address, 0, ELEMENTS));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
