package io.sashell.analysis;

import java.util.List;
import java.util.Optional;

/**
 * What the core file itself says about the process, independent of the VM: pid, command, the signal that
 * ended it and the thread that took it, the executable and the hs_err log found beside the core (empty when none),
 * and, for a core opened from a bundle, where the bundle came from.
 */
public record ProcessFacts(long pid, String command, int signal, String signalName, long crashingTid,
                           String executable, String jdkHome, String hsErrLog, boolean gcore,
                           List<Long> threadIds, Optional<Bundle> bundle) {
    public ProcessFacts {
        threadIds = List.copyOf(threadIds);
    }

    /** The bundle a core was unpacked from: the file, the host that made it, when, and the core's path there. */
    public record Bundle(String file, String host, String created, String originalCore, String jdkVersion) {
    }

    public ProcessFacts withHsErrLog(String log) {
        return new ProcessFacts(pid, command, signal, signalName, crashingTid, executable, jdkHome, log, gcore,
                threadIds, bundle);
    }

    public static ProcessFacts unknown() {
        return new ProcessFacts(-1, "", 0, "", -1, "", "", "", false, List.of(), Optional.empty());
    }

    public ProcessFacts withBundle(Bundle b) {
        return new ProcessFacts(pid, command, signal, signalName, crashingTid, executable, jdkHome, hsErrLog, gcore,
                threadIds, Optional.of(b));
    }
}
