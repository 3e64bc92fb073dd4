package io.sashell.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code enable-coredumps.sh --check --root DIR}: the branches this machine's own settings never reach, checked
 * against a fake {@code /proc/sys} and fake systemd-coredump configuration files below DIR (systemd's version
 * given by {@code SA_SHELL_SYSTEMD_VERSION}): cores piped to systemd-coredump with its size limits and storage,
 * drop-ins overriding the main file, and every Yama {@code ptrace_scope}, as root and as a plain user.
 */
class EnableCoredumpsFakeRootTest {
    private static final Path SCRIPT = Path.of(System.getProperty("user.dir"), "scripts", "enable-coredumps.sh");
    private static final String SYSTEMD_COREDUMP = "|/usr/lib/systemd/systemd-coredump %P %u %g %s %t %c %h";

    private Path root;

    @BeforeEach
    void fakeRoot() throws IOException {
        // World-readable, so the script can also run as nobody.
        root = Files.createTempDirectory("sa-shell-fake-root-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        write("proc/sys/kernel/core_pattern", SYSTEMD_COREDUMP);
        write("proc/sys/kernel/core_uses_pid", "0");
        write("proc/sys/fs/suid_dumpable", "0");
    }

    @AfterEach
    void deleteRoot() throws IOException {
        try (var files = Files.walk(root)) {
            for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    private void write(String relative, String content) throws IOException {
        Path f = root.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content + "\n", StandardCharsets.UTF_8);
        for (Path p = f; !p.equals(root); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x"
                    : "rw-r--r--"));
        }
    }

    /** The check's lines about systemd-coredump and ptrace, with their "fix:" lines. */
    private List<String> check(String systemdVersion, List<String> asUser) throws Exception {
        List<String> cmd = new ArrayList<>(asUser);
        cmd.addAll(List.of("bash", SCRIPT.toString(), "--check", "--root", root.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SA_SHELL_SYSTEMD_VERSION", systemdVersion);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        List<String> lines = out.lines().toList();
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            boolean wanted = l.contains("systemd-coredump (systemd ") || l.contains("systemd-coredump: ")
                    || l.contains("ptrace_scope") || l.contains("Yama");
            if (wanted && l.matches("(OK  |WARN|FAIL|INFO) .*")) {
                picked.add(l);
                if (i + 1 < lines.size() && lines.get(i + 1).startsWith("     fix:")) {
                    picked.add(lines.get(i + 1).strip());
                }
            }
        }
        return picked;
    }

    private List<String> check(String systemdVersion) throws Exception {
        return check(systemdVersion, List.of());
    }

    @Test
    void beforeSystemd251TheDefault2GCutsJvmCores() throws Exception {
        List<String> l = check("247");
        assertEquals("WARN systemd-coredump (systemd 247): Storage=external, ProcessSizeMax=2.0G, cores go to"
                + " /var/lib/systemd/coredump (ExternalSizeMax=2.0G): a core above 2.0G is cut or dropped (2G was the"
                + " default before systemd 251; JVM cores are often bigger)", l.get(0));
        assertTrue(l.get(1).startsWith("fix: ") && l.get(1).contains("ProcessSizeMax=64G"), l.get(1));
    }

    @Test
    void fromSystemd251TheDefaultIs32G() throws Exception {
        assertEquals("OK   systemd-coredump (systemd 255): Storage=external, ProcessSizeMax=32.0G, cores go to"
                + " /var/lib/systemd/coredump (ExternalSizeMax=32.0G)", check("255").get(0));
    }

    @Test
    void storageNoneKeepsNoCore() throws Exception {
        write("etc/systemd/coredump.conf", "[Coredump]\nStorage=none");
        List<String> l = check("255");
        assertTrue(l.stream().anyMatch(s -> s.startsWith("FAIL systemd-coredump: Storage=none, it logs the crash and"
                + " keeps no core (" + root + "/etc/systemd/coredump.conf)")), l.toString());
    }

    @Test
    void dropInsOverrideTheMainFileAndEtcWinsOverUsr() throws Exception {
        write("etc/systemd/coredump.conf", "[Coredump]\nStorage=journal\nProcessSizeMax=1G\nJournalSizeMax=1G");
        write("usr/lib/systemd/coredump.conf.d/50-size.conf", "[Coredump]\nProcessSizeMax=1G");
        write("etc/systemd/coredump.conf.d/50-size.conf", "[Coredump]\n# comment\nStorage=external\n"
                + "ProcessSizeMax=64G\nExternalSizeMax=64G");
        assertEquals("OK   systemd-coredump (systemd 255): Storage=external, ProcessSizeMax=64.0G, cores go to"
                + " /var/lib/systemd/coredump (ExternalSizeMax=64.0G)", check("255").get(0));
    }

    @Test
    void processSizeMaxZeroKeepsNoCore() throws Exception {
        write("run/systemd/coredump.conf.d/zero.conf", "[Coredump]\nProcessSizeMax=0");
        assertTrue(check("255").get(0).startsWith("FAIL systemd-coredump (systemd 255): Storage=external,"
                + " ProcessSizeMax=0") && check("255").get(0).endsWith("ProcessSizeMax=0 keeps no core"));
    }

    @Test
    void everyPtraceScopeAsRoot() throws Exception {
        assumeTrue(isRoot(), "root has CAP_SYS_PTRACE");
        List<String> want = List.of(
                "OK   kernel.yama.ptrace_scope = 0: gcore works as root or as the process's user",
                "OK   kernel.yama.ptrace_scope = 1: gcore works here (CAP_SYS_PTRACE); as a plain user only on its own"
                        + " child processes",
                "OK   kernel.yama.ptrace_scope = 2: only CAP_SYS_PTRACE may use gcore; this shell has it",
                "WARN kernel.yama.ptrace_scope = 3: ptrace is off until reboot, gcore cannot take a core of a live JVM");
        for (int scope = 0; scope <= 3; scope++) {
            write("proc/sys/kernel/yama/ptrace_scope", Integer.toString(scope));
            List<String> l = check("255");
            assertEquals(want.get(scope), l.get(l.size() - 1), "scope " + scope);
        }
    }

    @Test
    void ptraceScopesOneAndTwoStopAPlainUser() throws Exception {
        assumeTrue(isRoot() && Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs root to become nobody");
        List<String> nobody = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "--inh-caps=-all");
        write("proc/sys/kernel/yama/ptrace_scope", "1");
        List<String> l = check("255", nobody);
        assertEquals(List.of("WARN kernel.yama.ptrace_scope = 1: gcore as a plain user works only on its own child"
                + " processes, not on a running JVM", "fix: sudo gcore -o FILE PID   (or: sudo sysctl -w"
                + " kernel.yama.ptrace_scope=0)"), l.subList(l.size() - 2, l.size()));
        write("proc/sys/kernel/yama/ptrace_scope", "2");
        l = check("255", nobody);
        assertEquals(List.of("WARN kernel.yama.ptrace_scope = 2: only root with CAP_SYS_PTRACE may use gcore",
                "fix: sudo gcore -o FILE PID"), l.subList(l.size() - 2, l.size()));
    }

    @Test
    void withoutYamaThereIsNoRestriction() throws Exception {
        List<String> l = check("255");
        assertEquals("OK   no Yama ptrace restriction: gcore works as root or as the process's user", l.get(l.size() - 1));
    }

    private static boolean isRoot() throws IOException {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }
}
