package io.sashell.cli;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

class JfrCrash25CoreIT extends JfrCrashCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK25;
    }

    @Override
    String dumpReason() {
        return "CrashOnOutOfMemoryError";
    }
}
