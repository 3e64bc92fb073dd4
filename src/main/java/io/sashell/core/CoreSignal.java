package io.sashell.core;

import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The signal that made the core: {@code signo} and {@code code} from NT_SIGINFO, {@code tid} and
 * {@code cursig} from the first NT_PRSTATUS (the thread that took the signal).
 * {@code senderPid} is set for signals sent by a process (kill, tgkill, raise: code ≤ 0);
 * {@code faultAddress} for faults raised by the CPU (SIGSEGV, SIGBUS, SIGILL, SIGFPE with code > 0).
 */
public record CoreSignal(int signo, int code, int tid, int cursig, OptionalInt senderPid,
                         OptionalLong faultAddress) {

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "SIGHUP"), Map.entry(2, "SIGINT"), Map.entry(3, "SIGQUIT"), Map.entry(4, "SIGILL"),
            Map.entry(5, "SIGTRAP"), Map.entry(6, "SIGABRT"), Map.entry(7, "SIGBUS"), Map.entry(8, "SIGFPE"),
            Map.entry(9, "SIGKILL"), Map.entry(10, "SIGUSR1"), Map.entry(11, "SIGSEGV"), Map.entry(12, "SIGUSR2"),
            Map.entry(13, "SIGPIPE"), Map.entry(14, "SIGALRM"), Map.entry(15, "SIGTERM"),
            Map.entry(16, "SIGSTKFLT"), Map.entry(17, "SIGCHLD"), Map.entry(18, "SIGCONT"),
            Map.entry(19, "SIGSTOP"), Map.entry(20, "SIGTSTP"), Map.entry(21, "SIGTTIN"), Map.entry(22, "SIGTTOU"),
            Map.entry(23, "SIGURG"), Map.entry(24, "SIGXCPU"), Map.entry(25, "SIGXFSZ"),
            Map.entry(26, "SIGVTALRM"), Map.entry(27, "SIGPROF"), Map.entry(28, "SIGWINCH"), Map.entry(29, "SIGIO"),
            Map.entry(30, "SIGPWR"), Map.entry(31, "SIGSYS"));

    /** "SIGABRT", or "signal 40" for numbers without a name (real-time signals). */
    public String name() {
        return NAMES.getOrDefault(signo, "signal " + signo);
    }

    /** True for signals the CPU raises on a faulting instruction; then {@code faultAddress} is set. */
    static boolean isFault(int signo, int code) {
        return code > 0 && (signo == 4 || signo == 7 || signo == 8 || signo == 11);
    }
}
