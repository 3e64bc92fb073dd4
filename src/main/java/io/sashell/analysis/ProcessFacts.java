package io.sashell.analysis;

import java.util.List;

/**
 * What the core file itself says about the process, independent of the VM: pid, command, the signal that
 * ended it and the thread that took it, the executable and the hs_err log found beside the core (empty when none).
 */
public record ProcessFacts(long pid, String command, int signal, String signalName, long crashingTid,
                           String executable, String jdkHome, String hsErrLog, boolean gcore,
                           List<Long> threadIds) {
    public ProcessFacts {
        threadIds = List.copyOf(threadIds);
    }

    public ProcessFacts withHsErrLog(String log) {
        return new ProcessFacts(pid, command, signal, signalName, crashingTid, executable, jdkHome, log, gcore,
                threadIds);
    }

    public static ProcessFacts unknown() {
        return new ProcessFacts(-1, "", 0, "", -1, "", "", "", false, List.of());
    }
}
