package io.sashell.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingFinderTest {
    static final long PID = 4242;
    @TempDir
    static Path shared;
    static byte[] recording;
    @TempDir
    Path dir;

    @BeforeAll
    static void record() throws IOException {
        recording = Files.readAllBytes(TestRecordings.record(shared.resolve("r.jfr"), 10));
    }

    private Path write(Path f) throws IOException {
        Files.createDirectories(f.getParent());
        return Files.write(f, recording);
    }

    private RecordingFinder.Clues clues(Path core, Path hsErr, Path userDir, Path tmp, String args) {
        return new RecordingFinder.Clues(core, PID, hsErr, userDir == null ? "" : userDir.toString(),
                tmp == null ? "" : tmp.toString(), args);
    }

    @Test
    void theFileTheHsErrLogNamesComesFirst() throws IOException {
        Path elsewhere = write(dir.resolve("dumps/hs_err_pid4242.jfr"));
        Path besideCore = write(dir.resolve("crash/hs_err_pid4242.jfr"));
        Path log = Files.writeString(dir.resolve("crash/hs_err_pid4242.log"), "#\n# JFR recording file will be "
                + "written. Location: " + elsewhere + "\n#\n");
        RecordingFinder.Search s = RecordingFinder.find(clues(dir.resolve("crash/core"), log, null, null, ""));
        assertEquals(List.of(elsewhere), s.best().orElseThrow().files());
        assertEquals("named in hs_err_pid4242.log", s.best().orElseThrow().how());
        assertEquals(List.of(besideCore), s.all().get(1).files());
        assertEquals("beside the core", s.all().get(1).how());
    }

    @Test
    void theHsErrLogThatErrorFileNames() throws IOException {
        Path named = write(dir.resolve("dumps/app.jfr"));
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("logs/crash-4242.log"), "# JFR recording file will be written. Location: "
                + named + "\n");
        RecordingFinder.Search s = RecordingFinder.find(clues(dir.resolve("core"), null, dir.resolve("work"), null,
                "-Xmx1g -XX:ErrorFile=" + dir.resolve("logs/crash-%p.log") + " -XX:+CrashOnOutOfMemoryError"));
        assertEquals(List.of(named), s.best().orElseThrow().files());
        assertEquals("named in crash-4242.log", s.best().orElseThrow().how());
        assertEquals("", RecordingFinder.flagValue("-Xmx1g", "-XX:ErrorFile="));
    }

    @Test
    void oomAndSoeNamesBesideTheCoreAndInTheWorkingDirectory() throws IOException {
        Path oom = write(dir.resolve("work/hs_oom_pid4242.jfr"));
        RecordingFinder.Search s = RecordingFinder.find(clues(dir.resolve("cores/core.4242"), null,
                dir.resolve("work"), null, ""));
        assertEquals(List.of(oom), s.best().orElseThrow().files());
        assertEquals("in the working directory (user.dir)", s.best().orElseThrow().how());
        Path soe = write(dir.resolve("cores/hs_soe_pid4242.jfr"));
        s = RecordingFinder.find(clues(dir.resolve("cores/core.4242"), null, dir.resolve("work"), null, ""));
        assertEquals(List.of(soe), s.best().orElseThrow().files());
    }

    @Test
    void theRepositoryUnderTmpdirWithItsChunksInOrder() throws IOException {
        Path repo = dir.resolve("tmp/2026_01_02_03_04_05_4242");
        Path second = write(repo.resolve("2026_01_02_03_14_05.jfr"));
        Path first = write(repo.resolve("2026_01_02_03_04_05.jfr"));
        write(dir.resolve("tmp/2026_01_02_03_04_05_999/x.jfr"));
        Files.writeString(repo.resolve("notes.txt"), "not a chunk");
        RecordingFinder.Search s = RecordingFinder.find(clues(dir.resolve("core"), null, null, dir.resolve("tmp"), ""));
        assertEquals(List.of(first, second), s.best().orElseThrow().files());
        assertEquals("the JFR repository " + repo + " (2 chunk files)", s.best().orElseThrow().how());
    }

    @Test
    void repositoryDumppathAndFilenameFromTheJvmArguments() throws IOException {
        Path repo = write(dir.resolve("repo/2026_01_02_03_04_05_4242/a.jfr"));
        Path dump = write(dir.resolve("dumps/hs_err_pid4242.jfr"));
        Path named = write(dir.resolve("work/app-4242.jfr"));
        String args = "-Xmx1g -XX:StartFlightRecording:filename=app-%p.jfr,dumponexit=true "
                + "-XX:FlightRecorderOptions=repository=" + dir.resolve("repo") + ",dumppath=" + dir.resolve("dumps");
        RecordingFinder.Search s = RecordingFinder.find(clues(dir.resolve("core"), null, dir.resolve("work"), null,
                args));
        assertEquals(List.of(List.of(dump), List.of(repo), List.of(named)),
                s.all().stream().map(RecordingFinder.Found::files).toList());
        assertTrue(s.all().get(2).how().startsWith("the recording's filename="), s.all().get(2).how());
    }

    @Test
    void nothingFoundSaysWhereItLooked() throws IOException {
        Files.writeString(dir.resolve("hs_err_pid4242.jfr"), "not a recording");
        RecordingFinder.Search s = RecordingFinder.find(clues(dir.resolve("core"), null, null, dir.resolve("tmp"), ""));
        assertEquals(Optional.empty(), s.best());
        assertEquals(List.of("hs_err_pid4242.jfr, hs_oom_pid4242.jfr, hs_soe_pid4242.jfr in " + dir,
                "the JFR repository under " + dir.resolve("tmp") + " (no folder ending _4242)"), s.looked());
    }

    @Test
    void flagOptions() {
        assertEquals(Map.of("filename", "x.jfr", "settings", "profile"), RecordingFinder.options(
                "-Xmx1g -XX:StartFlightRecording=filename=x.jfr,settings=profile -Dy=z", "-XX:StartFlightRecording"));
        assertEquals(Map.of(), RecordingFinder.options("-XX:StartFlightRecording", "-XX:StartFlightRecording"));
        assertEquals(Map.of(), RecordingFinder.options("-XX:StartFlightRecordingX=a=b", "-XX:StartFlightRecording"));
        assertEquals(Map.of("repository", "/r"), RecordingFinder.options("-XX:FlightRecorderOptions:repository=/r",
                "-XX:FlightRecorderOptions"));
    }
}
