package io.sashell.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.sashell.cli.render.RedactionRenderer;
import io.sashell.core.CoreFileException;
import io.sashell.core.ElfCore;
import io.sashell.core.PendingPath;
import io.sashell.redact.KeepRule;
import io.sashell.redact.RedactLevel;
import io.sashell.redact.RedactionPlan;
import io.sashell.redact.Redactor;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code sa-shell redact CORE -o OUT}: a copy of the core with the data scrubbed and the structure kept
 * (see {@link Redactor} and SECURITY.md). Like the JDK's {@code jfr scrub}, it writes a new file, refuses to
 * write over its input, and prints what it removed.
 */
@Command(name = "redact", description = "Write a copy of a core with the data scrubbed and the structure kept"
        + " (histo, instances, refs and path answer the same).")
final class RedactCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CORE", description = "The core file (never modified).")
    Path core;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "The redacted copy to write (mode 0600).")
    Path output;

    @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "basic",
            description = "basic (default): data known to carry secrets; full: also primitive fields and all"
                    + " native memory SA does not need.")
    String level;

    @Option(names = "--keep", paramLabel = "CLASS_PATTERN",
            description = "Keep the contents of these classes (glob, repeatable), e.g. java.lang.Thread.")
    List<String> keep = new ArrayList<>();

    @Option(names = "--dry-run", description = "Report what would be scrubbed; write nothing.")
    boolean dryRun;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    Path report;

    @Option(names = "--ranges", paramLabel = "FILE", hidden = true,
            description = "Write every zeroed file range to FILE (for experiments).")
    Path rangesFile;

    @Mixin
    CoreJdkOptions jdkOptions = new CoreJdkOptions();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = new PrintWriter(System.out, true, Charset.defaultCharset());
        PrintWriter err = new PrintWriter(System.err, true, Charset.defaultCharset());
        RedactLevel lvl = parseLevel(level);
        checkPaths();
        refuseTruncated();
        long t0 = System.nanoTime();
        try (CoreOpener opened = CoreOpener.open(core, jdkOptions.exe,
                CoreJdks.locator(jdkOptions.jdk, jdkOptions.sysroot, jdkOptions.force), err::println)) {
            long t1 = System.nanoTime();
            RedactionPlan plan = CoreRedaction.plan(core, opened.elf(), lvl, new KeepRule(keep));
            long t2 = System.nanoTime();
            if (rangesFile != null) {
                try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(rangesFile, StandardCharsets.UTF_8))) {
                    plan.writeRanges(w);
                }
            }
            if (dryRun) {
                if (report != null) {
                    writeReport(RedactionRenderer.json(plan.report()));
                }
                RedactionRenderer.text(out, "dry run: would redact " + core + " (nothing written)", plan.report());
                timings(err, t0, t1, t2, t2, plan);
                return ExitCodes.OK;
            }
            try {
                Redactor.write(plan, core, output, copied -> { });
            } catch (IOException e) {
                // A full disk, a file system gone read-only: one line, and no output left behind (PendingPath).
                throw new UserDataException(output + ": cannot write the redacted copy: " + e.getMessage(), e);
            }
            if (report != null) {
                // After the copy: a report never describes an output that does not exist.
                writeReport(RedactionRenderer.json(plan.report()));
            }
            RedactionRenderer.text(out, "redacted " + core + " -> " + output + " (mode 0600)", plan.report());
            timings(err, t0, t1, t2, System.nanoTime(), plan);
            return ExitCodes.OK;
        } finally {
            CoreJdks.removeLauncherAltRoot();
        }
    }

    /** With --verbose: where the time went (open and attach, plan, write). */
    private void timings(PrintWriter err, long t0, long t1, long t2, long t3, RedactionPlan plan) {
        if (jdkOptions.verbose) {
            err.printf(Locale.ROOT, "timings: open and attach %.2f s, plan %.2f s (%s; %,d ranges), write %.2f s%n",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, plan.timings(), plan.rangeCount(), (t3 - t2) / 1e9);
        }
    }

    private static RedactLevel parseLevel(String s) {
        for (RedactLevel l : RedactLevel.values()) {
            if (l.label().equals(s.toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        throw new ParameterException(new CommandLine(new RedactCommand()),
                "unknown level '" + s + "' (basic or full)");
    }

    /** Refuses a missing -o, an OUT that is the input (by any path), or that exists. */
    private void checkPaths() {
        if (!Files.isRegularFile(core)) {
            throw new UserDataException(core + ": no such file");
        }
        if (output == null && !dryRun) {
            throw new ParameterException(new CommandLine(new RedactCommand()),
                    "missing -o OUT (or --dry-run)");
        }
        for (Path p : output == null ? List.<Path>of() : List.of(output)) {
            refuseInput(p, "-o");
        }
        if (report != null) {
            refuseInput(report, "--report");
        }
    }

    private void refuseInput(Path p, String option) {
        try {
            Path in = core.toRealPath();
            Path dir = p.toAbsolutePath().getParent();
            Path resolved = Files.isDirectory(dir) ? dir.toRealPath().resolve(p.getFileName()) : p.toAbsolutePath();
            if (resolved.equals(in) || (Files.exists(p) && Files.isSameFile(p, core))) {
                throw new UserDataException(p + ": " + option + " is the input core; redact never writes over its"
                        + " input");
            }
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new UserDataException(p + ": exists; remove it or choose another name");
            }
            if (!Files.isDirectory(dir)) {
                throw new UserDataException(p + ": no such directory " + dir);
            }
        } catch (IOException e) {
            throw new UserDataException(p + ": " + e.getMessage(), e);
        }
    }

    private void refuseTruncated() {
        try (ElfCore elf = ElfCore.open(core)) {
            if (elf.truncation().isPresent()) {
                throw new UserDataException(core + ": " + elf.truncation().get().describe()
                        + "; a redacted copy could not be checked, redact refuses truncated cores");
            }
        } catch (CoreFileException e) {
            throw new UserDataException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserDataException(core + ": " + e.getMessage(), e);
        }
    }

    private void writeReport(String json) {
        try {
            try (PendingPath tmp = PendingPath.besideTarget(report, ".partial")) {
                Files.writeString(tmp.path(), json + "\n", StandardCharsets.UTF_8);
                tmp.moveTo(report);
            }
        } catch (IOException e) {
            throw new UserDataException(report + ": cannot write the report: " + e.getMessage(), e);
        }
    }
}
