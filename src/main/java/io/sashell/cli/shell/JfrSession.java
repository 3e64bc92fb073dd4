package io.sashell.cli.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.sashell.analysis.ProcessFacts;
import io.sashell.cli.UserDataException;
import io.sashell.jfr.JfrException;
import io.sashell.jfr.JfrRecording;
import io.sashell.jfr.RecordingFinder;
import io.sashell.sa.SaVm;
import io.sashell.sa.VmFacts;

/**
 * The Flight Recorder recording of one shell session: the one named with {@code --jfr} (or {@code jfr use}),
 * else the one found beside the core. Found once and parsed once, on first use: a core and its recording
 * never change.
 */
public final class JfrSession {
    private Path named;
    private RecordingFinder.Search search;
    private JfrRecording recording;

    /** Names the recording to use from now on; null goes back to searching beside the core. */
    public void use(Path file) {
        if (file != null && !Files.isRegularFile(file)) {
            throw new UserDataException(file + ": no such file");
        }
        named = file;
        recording = null;
    }

    /** Where the recording is, without parsing it: the named file, or the search from the core's clues. */
    public RecordingFinder.Search search(ShellContext ctx) {
        if (named != null) {
            RecordingFinder.Found f = new RecordingFinder.Found(List.of(named), "named with --jfr or jfr use");
            return new RecordingFinder.Search(java.util.Optional.of(f), List.of(f), List.of());
        }
        if (search == null) {
            search = RecordingFinder.find(clues(ctx));
        }
        return search;
    }

    /** The parsed recording; a one-line {@link UserDataException} when there is none or it cannot be read. */
    public JfrRecording recording(ShellContext ctx) {
        if (recording != null) {
            return recording;
        }
        if (named == null && ctx.core() == null) {
            throw new UserDataException("no recording: name one with --jfr FILE");
        }
        RecordingFinder.Search s = search(ctx);
        if (s.best().isEmpty()) {
            ProcessFacts p = ctx.process();
            throw new UserDataException("no flight recording found for " + ctx.core() + (p.pid() > 0 ? " (pid "
                    + p.pid() + ")" : "") + ": looked at " + String.join("; ", s.looked())
                    + "; name one with --jfr FILE");
        }
        try {
            recording = JfrRecording.load(s.best().get().files());
        } catch (JfrException e) {
            throw new UserDataException(e.getMessage(), e);
        }
        return recording;
    }

    /** "FILE (how it was found)", or empty when nothing was found: for {@code info}. */
    static String describe(RecordingFinder.Search s) {
        return s.best().map(f -> f.files().get(0) + (f.files().size() > 1 ? " and " + (f.files().size() - 1)
                + " more chunk files" : "") + " (" + f.how() + ")").orElse("");
    }

    /** What the core tells about where its recording is. Reads the VM's properties once (SA). */
    static RecordingFinder.Clues clues(ShellContext ctx) {
        ProcessFacts p = ctx.process();
        if (ctx.core() == null) {
            return new RecordingFinder.Clues(null, -1, null, "", "", "");
        }
        String userDir = "";
        String tmpDir = "";
        String jvmArgs = "";
        try {
            VmFacts vm = SaVm.facts();
            Map<String, String> props = vm.properties();
            userDir = props.getOrDefault("user.dir", "");
            tmpDir = props.getOrDefault("java.io.tmpdir", "");
            jvmArgs = vm.jvmArgs() + " " + vm.jvmFlags();
        } catch (RuntimeException e) {
            // Without the VM's properties the search still looks beside the core and the hs_err log.
        }
        return new RecordingFinder.Clues(ctx.core(), p.pid(), p.hsErrLog().isEmpty() ? null : Path.of(p.hsErrLog()),
                userDir, tmpDir, jvmArgs);
    }
}
