package io.sashell.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs scripts/enable-coredumps.sh with bash. The machine's kernel.core_pattern is never changed: the only test
 * that runs --enable for real does it in a private mount namespace with a file bound over
 * /proc/sys/kernel/core_pattern, and checks that the bind works before it runs the script.
 */
class EnableCoredumpsScriptTest {

    private static final Path SCRIPT = Path.of(System.getProperty("user.dir"), "scripts", "enable-coredumps.sh");
    private static final Path CORE_PATTERN = Path.of("/proc/sys/kernel/core_pattern");
    private static final Path SYSCTL_FILE = Path.of("/etc/sysctl.d/60-sa-shell-coredump.conf");
    private static final Path STATE_FILE = Path.of("/var/lib/sa-shell/enable-coredumps.state");

    @TempDir
    Path tmp;

    private final List<Process> children = new ArrayList<>();

    /** The JVM the tests check: prints "ready" once running, then sleeps. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    record Result(int exit, String out) {
        List<String> lines() {
            return out.lines().toList();
        }

        boolean has(String regex) {
            Pattern p = Pattern.compile(regex);
            return lines().stream().anyMatch(l -> p.matcher(l).find());
        }
    }

    @AfterEach
    void stopChildren() throws InterruptedException {
        for (Process p : children) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly(); // SIGKILL never dumps a core
            p.waitFor(10, TimeUnit.SECONDS);
        }
        children.clear();
    }

    // ------------------------------------------------------------------ --help, usage errors

    @Test
    void helpExitsZero() throws Exception {
        Result r = run(List.of("bash", SCRIPT.toString(), "--help"), Map.of());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().startsWith("Usage:"), r.out());
        assertTrue(r.out().contains("--enable") && r.out().contains("--disable") && r.out().contains("--dry-run"), r.out());
    }

    @Test
    void unknownOptionExitsTwoWithOneLine() throws Exception {
        Result r = run(List.of("bash", SCRIPT.toString(), "--no-such-option"), Map.of());
        assertEquals(2, r.exit(), r.out());
        assertEquals(1, r.lines().size(), r.out());
        assertTrue(r.out().contains("unknown option: --no-such-option"), r.out());
    }

    @Test
    void otherUsageErrorsExitTwo() throws Exception {
        assertEquals(2, script("--check", "notapid").exit());
        assertEquals(2, script("--check", "--enable").exit());
        assertEquals(2, script("--check", "--dir", "/tmp/x").exit());
        assertEquals(2, script("--enable", "--dry-run", "--dir", "relative/dir").exit());
        assertEquals(2, script("--check", String.valueOf(Integer.MAX_VALUE)).exit()); // no such process
    }

    // ------------------------------------------------------------------ --check of the shell

    @Test
    void checkShellWithSoftLimitZeroReportsPlainFileNameAndFails() throws Exception {
        assumeCorePatternIsCore();
        Result r = run(List.of("bash", "-c", "ulimit -S -c 0; exec bash \"$0\" --check", SCRIPT.toString()), Map.of());
        assertTrue(r.has("^WARN +kernel\\.core_pattern = 'core': a plain file name"), r.out());
        assertTrue(r.has("^FAIL +core limit of this shell: soft 0,"), r.out());
        assertTrue(r.has("^     fix: ulimit -c "), r.out());
        assertTrue(r.has("^HINT .*gcore -o "), r.out());
        assertTrue(r.has("^HINT .*-XX:\\+CrashOnOutOfMemoryError"), r.out());
        assertEquals(1, r.exit(), r.out());
    }

    @Test
    void checkShellWithUnlimitedLimitPasses() throws Exception {
        assumeCorePatternIsCore();
        Result r = run(List.of("bash", "-c", "ulimit -c unlimited; exec bash \"$0\"", SCRIPT.toString()), Map.of());
        assertTrue(r.has("^WARN +kernel\\.core_pattern = 'core': a plain file name"), r.out());
        assertTrue(r.has("^OK +core limit of this shell: soft unlimited, hard unlimited"), r.out());
        assertFalse(r.has("^FAIL"), r.out());
        assertEquals(0, r.exit(), r.out());
    }

    // ------------------------------------------------------------------ --check PID

    @Test
    void checkPidWithCrashOnOomAndUnlimitedLimit() throws Exception {
        assumeCorePatternIsCore();
        long pid = startJava("ulimit -c unlimited", Map.of(), List.of("-XX:+CrashOnOutOfMemoryError"), List.of());
        Result r = script("--check", String.valueOf(pid));
        assertTrue(r.has("^OK +-XX:\\+CrashOnOutOfMemoryError"), r.out());
        assertTrue(r.has("^OK +core limit of PID " + pid + ": soft unlimited, hard unlimited"), r.out());
        assertTrue(r.has("^OK +coredump_filter of PID " + pid + " is 0x3f"), r.out()); // HotSpot's default
        assertTrue(r.has("^OK +the core directory " + Pattern.quote(tmp.toString()) + " is writable"), r.out());
        assertTrue(r.has("^RESULT .*would leave a core: " + Pattern.quote(tmp.resolve("core").toString())), r.out());
        assertFalse(r.has("^FAIL"), r.out());
        assertEquals(0, r.exit(), r.out());
    }

    @Test
    void checkPidWithoutFlagAndLimitZero() throws Exception {
        long pid = startJava("ulimit -c 0", Map.of(), List.of(), List.of());
        Result r = script("--check", String.valueOf(pid));
        assertTrue(r.has("^FAIL +core limit of PID " + pid + ": soft 0,"), r.out());
        assertTrue(r.has("^     fix: prlimit --pid " + pid + " --core=unlimited:unlimited"), r.out());
        assertTrue(r.has("^WARN +no -XX:\\+CrashOnOutOfMemoryError"), r.out());
        assertTrue(r.has("^RESULT .*would NOT leave a usable core"), r.out());
        assertEquals(1, r.exit(), r.out());
    }

    @Test
    void flagsComeFromJavaToolOptionsAndNotFromApplicationArguments() throws Exception {
        long viaEnv = startJava("ulimit -c unlimited", Map.of("JAVA_TOOL_OPTIONS", "-XX:+CrashOnOutOfMemoryError"),
                List.of("-XX:StartFlightRecording:filename=" + tmp.resolve("rec.jfr")), List.of());
        Result r = script("--check", String.valueOf(viaEnv));
        assertTrue(r.has("^OK +-XX:\\+CrashOnOutOfMemoryError"), r.out());
        assertTrue(r.has("^OK +JFR recording: -XX:StartFlightRecording"), r.out());

        // after the main class it is an argument of the program, and the last of + and - wins
        long asAppArg = startJava("ulimit -c unlimited", Map.of(),
                List.of("-XX:+CrashOnOutOfMemoryError", "-XX:-CrashOnOutOfMemoryError"), List.of("-XX:+CrashOnOutOfMemoryError"));
        r = script("--check", String.valueOf(asAppArg));
        assertTrue(r.has("^WARN +-XX:-CrashOnOutOfMemoryError"), r.out());
        assertFalse(r.has("^OK +-XX:\\+CrashOnOutOfMemoryError"), r.out());
    }

    // ------------------------------------------------------------------ --enable / --disable

    @Test
    void enableDryRunPrintsTheChangesAndMakesNone() throws Exception {
        long pid = startJava("ulimit -c 0", Map.of(), List.of(), List.of());
        Path dir = tmp.resolve("x");
        String patternBefore = Files.readString(CORE_PATTERN);
        boolean sysctlBefore = Files.exists(SYSCTL_FILE);
        boolean stateBefore = Files.exists(STATE_FILE);
        String limitsBefore = coreLimits(pid);

        Result r = script("--enable", "--dry-run", "--dir", dir.toString(), "--pid", String.valueOf(pid));

        assertEquals(0, r.exit(), r.out());
        assertTrue(r.has("^WOULD prlimit --pid " + pid + " --core=unlimited:unlimited"), r.out());
        assertTrue(r.has("^WOULD write " + Pattern.quote(SYSCTL_FILE.toString())), r.out());
        assertTrue(r.has("kernel\\.core_pattern = " + Pattern.quote(dir + "/core.%e.%p.%t") + "$"), r.out());
        assertTrue(r.has("^WOULD sysctl -p " + Pattern.quote(SYSCTL_FILE.toString())), r.out());
        assertTrue(r.has("^ +undo: sysctl -w 'kernel\\.core_pattern=" + Pattern.quote(patternBefore.strip()) + "'"), r.out());
        assertFalse(r.has("^DONE"), r.out());

        assertEquals(patternBefore, Files.readString(CORE_PATTERN));
        assertFalse(Files.exists(dir));
        assertEquals(sysctlBefore, Files.exists(SYSCTL_FILE));
        assertEquals(stateBefore, Files.exists(STATE_FILE));
        assertEquals(limitsBefore, coreLimits(pid));
    }

    @Test
    void enableAndDisableNeedRoot() throws Exception {
        assumeTrue(isRoot() && onPath("setpriv"), "needs root and setpriv to run the script as nobody");
        String text = Files.readString(SCRIPT);
        for (String mode : List.of("--enable", "--disable")) {
            Result r = run(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    "bash", "-c", text, "enable-coredumps.sh", mode), Map.of());
            assertEquals(1, r.exit(), r.out());
            assertEquals(1, r.lines().size(), r.out());
            assertTrue(r.out().contains(mode + " needs root"), r.out());
        }
    }

    @Test
    void enableThenDisableInPrivateMountNamespace() throws Exception {
        assumeTrue(isRoot() && onPath("unshare") && onPath("prlimit") && onPath("sysctl"), "needs root, unshare, prlimit, sysctl");
        String realPattern = Files.readString(CORE_PATTERN);
        Path fake = tmp.resolve("core_pattern");
        String previous = "sa-shell-test-previous.%p";
        Files.writeString(fake, previous + "\n");
        String namespace = "set -e; mount --make-rprivate /; mount --bind \"$FAKE\" /proc/sys/kernel/core_pattern;"
                + " mount -t tmpfs none /etc/sysctl.d; mount -t tmpfs none /var/lib;"
                + " test \"$(cat /proc/sys/kernel/core_pattern)\" = \"$PREVIOUS\"; set +e; ";
        Result probe = run(List.of("unshare", "-m", "bash", "-c", namespace + "echo isolated"),
                Map.of("FAKE", fake.toString(), "PREVIOUS", previous));
        assumeTrue(probe.exit() == 0 && probe.out().strip().equals("isolated"),
                "a private mount namespace with a file over /proc/sys/kernel/core_pattern is not possible here: " + probe.out());

        long pid = startJava("ulimit -S -c 0", Map.of(), List.of(), List.of()); // soft 0, hard unlimited
        Path dir = tmp.resolve("cores");
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        String steps = namespace
                + "bash \"$SCRIPT\" --enable --dir \"$DIR\" --pid \"$PID\" > \"$OUT/enable.txt\" 2>&1; echo $? > \"$OUT/enable.rc\";"
                + " cat /proc/sys/kernel/core_pattern > \"$OUT/pattern-enabled\";"
                + " cat /etc/sysctl.d/60-sa-shell-coredump.conf > \"$OUT/sysctl-file\";"
                + " stat -c %a /var/lib/sa-shell/enable-coredumps.state > \"$OUT/state-mode\";"
                + " stat -c %a \"$DIR\" > \"$OUT/dir-mode\";"
                + " grep '^Max core file size' /proc/$PID/limits > \"$OUT/limits-enabled\";"
                + " bash \"$SCRIPT\" --disable > \"$OUT/disable.txt\" 2>&1; echo $? > \"$OUT/disable.rc\";"
                + " cat /proc/sys/kernel/core_pattern > \"$OUT/pattern-disabled\";"
                + " ls -A /etc/sysctl.d > \"$OUT/sysctl-d\"; ls -A /var/lib > \"$OUT/var-lib\";"
                + " grep '^Max core file size' /proc/$PID/limits > \"$OUT/limits-disabled\"";
        Result r = run(List.of("unshare", "-m", "bash", "-c", steps), Map.of("FAKE", fake.toString(), "PREVIOUS", previous,
                "SCRIPT", SCRIPT.toString(), "DIR", dir.toString(), "PID", String.valueOf(pid), "OUT", out.toString()));
        assertEquals(realPattern, Files.readString(CORE_PATTERN), "the machine's core_pattern must not change");
        assertEquals(0, r.exit(), r.out());

        String enable = Files.readString(out.resolve("enable.txt"));
        assertEquals("0", read(out, "enable.rc"), enable);
        assertTrue(enable.contains("DONE prlimit --pid " + pid + " --core=unlimited:unlimited"), enable);
        assertTrue(enable.contains("DONE sysctl -p " + SYSCTL_FILE), enable);
        assertEquals(dir + "/core.%e.%p.%t", read(out, "pattern-enabled"), enable);
        assertTrue(read(out, "sysctl-file").contains("kernel.core_pattern = " + dir + "/core.%e.%p.%t"));
        assertEquals("600", read(out, "state-mode"));
        assertEquals("1777", read(out, "dir-mode"));
        assertTrue(read(out, "limits-enabled").matches("Max core file size +unlimited +unlimited +bytes"), read(out, "limits-enabled"));

        String disable = Files.readString(out.resolve("disable.txt"));
        assertEquals("0", read(out, "disable.rc"), disable);
        assertEquals(previous, read(out, "pattern-disabled"), disable);
        assertEquals("", read(out, "sysctl-d"), disable);
        assertEquals("", read(out, "var-lib"), disable); // state file and its directory are gone
        assertFalse(Files.exists(dir), disable);
        assertTrue(read(out, "limits-disabled").matches("Max core file size +0 +unlimited +bytes"), read(out, "limits-disabled"));
        assertEquals(realPattern, Files.readString(CORE_PATTERN));
    }

    @Test
    void enableThenDisableUnderAFakeRoot() throws Exception {
        assumeTrue(onPath("prlimit"), "needs prlimit");
        String realPattern = Files.readString(CORE_PATTERN);
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("proc/sys/kernel"));
        Files.writeString(root.resolve("proc/sys/kernel/core_pattern"), "core\n");
        long pid = startJava("ulimit -S -c 0", Map.of(), List.of(), List.of()); // soft 0, hard unlimited
        Path dir = root.resolve("cores");

        Result enable = script("--enable", "--root", root.toString(), "--dir", dir.toString(), "--pid", String.valueOf(pid));
        assertEquals(0, enable.exit(), enable.out());
        Path sysctl = root.resolve("etc/sysctl.d/60-sa-shell-coredump.conf");
        assertTrue(enable.has("^DONE sysctl -p " + Pattern.quote(sysctl.toString())), enable.out());
        assertEquals(dir + "/core.%e.%p.%t\n", Files.readString(root.resolve("proc/sys/kernel/core_pattern")));
        assertTrue(Files.readString(sysctl).contains("kernel.core_pattern = " + dir + "/core.%e.%p.%t"));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
                root.resolve("var/lib/sa-shell/enable-coredumps.state"))));
        assertTrue(Files.readString(Path.of("/proc/" + pid + "/limits")).lines()
                .anyMatch(l -> l.matches("Max core file size +unlimited +unlimited +bytes *")));

        Result disable = script("--disable", "--root", root.toString());
        assertEquals(0, disable.exit(), disable.out());
        assertEquals("core\n", Files.readString(root.resolve("proc/sys/kernel/core_pattern")));
        assertFalse(Files.exists(sysctl), disable.out());
        assertFalse(Files.exists(root.resolve("var/lib/sa-shell")), disable.out());
        assertFalse(Files.exists(dir), disable.out());
        assertTrue(Files.readString(Path.of("/proc/" + pid + "/limits")).lines()
                .anyMatch(l -> l.matches("Max core file size +0 +unlimited +bytes *")));
        assertEquals(realPattern, Files.readString(CORE_PATTERN), "the machine's core_pattern must not change");
        assertFalse(Files.exists(SYSCTL_FILE));
        assertFalse(Files.exists(STATE_FILE));

        assertEquals(2, script("--enable", "--root", "relative/root").exit());
        Result noPattern = script("--enable", "--root", tmp.toString());
        assertEquals(2, noPattern.exit());
        assertTrue(noPattern.out().contains("needs the file " + tmp + "/proc/sys/kernel/core_pattern"), noPattern.out());
    }

    // ------------------------------------------------------------------ helpers

    private Result script(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        return run(cmd, Map.of());
    }

    private Result run(List<String> cmd, Map<String, String> env) throws Exception {
        Path out = Files.createTempFile(tmp, "run", ".out");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        Process p = pb.start();
        children.add(p);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            fail("timed out: " + cmd + "\n" + Files.readString(out));
        }
        return new Result(p.exitValue(), Files.readString(out));
    }

    /** Starts Sleeper in {@link #tmp} after the given ulimit command; returns its PID once it runs. */
    private long startJava(String ulimit, Map<String, String> env, List<String> jvmArgs, List<String> appArgs)
            throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path classes = Path.of(Sleeper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", ulimit + " && exec \"$0\" \"$@\"", java.toString(),
                "-Xmx32m", "-XX:+UseSerialGC"));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", classes.toString(), Sleeper.class.getName()));
        cmd.addAll(appArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile())
                .redirectError(tmp.resolve("java-" + children.size() + ".err").toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("_JAVA_OPTIONS");
        pb.environment().putAll(env);
        Process p = pb.start();
        children.add(p);
        BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
            line = reader.readLine(); // JVM logging (JFR's startup lines) may come first
        } while (line != null && !line.equals("ready"));
        assertEquals("ready", line, "child java did not start: " + cmd);
        return p.pid();
    }

    private static String coreLimits(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/limits")).stream()
                .filter(l -> l.startsWith("Max core file size")).findFirst().orElse(null);
    }

    private static String read(Path dir, String name) throws IOException {
        Path f = dir.resolve(name);
        assertNotNull(f);
        return Files.exists(f) ? Files.readString(f).strip() : "<" + name + " missing>";
    }

    private static void assumeCorePatternIsCore() throws IOException {
        assumeTrue(Files.readString(CORE_PATTERN).strip().equals("core"), "this test expects kernel.core_pattern 'core'");
    }

    private static boolean isRoot() throws IOException {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
