package io.sashell.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.sashell.core.JdkLocator;
import io.sashell.redact.HsErrScrubber;
import io.sashell.redact.JfrScrubber;
import io.sashell.redact.KeepRule;
import io.sashell.redact.RedactLevel;
import io.sashell.redact.RedactionPlan;
import io.sashell.redact.Redactor;

/**
 * {@code bundle --redact}: the redacted copy of the core, and scrubbed copies of the files that travel with it
 * (hs_err logs by {@link HsErrScrubber}, JFR recordings by {@link JfrScrubber}), all in the bundle's private
 * work folder. A file that cannot be scrubbed reliably is left out, with a note saying so.
 */
final class BundleRedaction {
    /** The redacted core, the files to bundle beside it (scrubbed copies), and what was left out and why. */
    record Result(Path core, List<Path> beside, List<String> notes, int scrubbedStrings) {
    }

    private BundleRedaction() {
    }

    /**
     * @param beside the hs_err logs and recordings found beside the core
     * @param work   a private (0700) folder the caller deletes
     * @param exe    the executable to give SA (--exe), or null for the one found from the core
     */
    static Result run(Path core, List<Path> beside, Path work, RedactLevel level, Path exe, JdkLocator locator,
                      Consumer<String> log) throws IOException {
        Path dir = Files.createDirectory(work.resolve("redacted"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path redactedCore = dir.resolve(core.getFileName());
        List<String> needles = new ArrayList<>();
        log.accept("redacting " + core + " (" + level.label() + ")...");
        try (CoreOpener opened = CoreOpener.open(core, exe, locator, log)) {
            RedactionPlan plan = CoreRedaction.plan(core, opened.elf(), level, new KeepRule(List.of()));
            Redactor.write(plan, core, redactedCore, copied -> { });
            needles.addAll(plan.processStrings());
            for (String name : CoreRedaction.threadNames()) {
                // As the log and the recording hold them: UTF-8 bytes, one char a byte like the process strings.
                needles.add(new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
            }
            needles.removeAll(CoreRedaction.classNames());
        }
        List<Path> kept = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int strings = 0;
        for (Path f : beside) {
            Path out = dir.resolve(f.getFileName());
            String name = f.getFileName().toString();
            Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            if (name.endsWith(".jfr")) {
                JfrScrubber.Result r = JfrScrubber.scrub(f, out, needles);
                Optional<String> refusal = r.refusal();
                if (refusal.isPresent()) {
                    Files.delete(out);
                    notes.add(name + " left out: it could not be scrubbed reliably (" + refusal.get() + ")");
                    continue;
                }
                strings += r.stringsScrubbed();
            } else {
                HsErrScrubber.Result r = HsErrScrubber.scrub(Files.readAllBytes(f), needles, level);
                Files.write(out, r.text().getBytes(StandardCharsets.ISO_8859_1));
            }
            kept.add(out);
        }
        return new Result(redactedCore, kept, notes, strings);
    }
}
