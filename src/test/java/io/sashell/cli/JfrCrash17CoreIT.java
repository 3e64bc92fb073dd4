package io.sashell.cli;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

class JfrCrash17CoreIT extends JfrCrashCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK17;
    }

    @Override
    String dumpReason() {
        return "Crash";
    }
}
