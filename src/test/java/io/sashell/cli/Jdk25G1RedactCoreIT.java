package io.sashell.cli;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

/** redact on a JDK 25 G1 core. */
class Jdk25G1RedactCoreIT extends RedactCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK25;
    }

    @Override
    String[] jvmArgs() {
        return new String[] {"-XX:+UseG1GC", "-Xmx256m"};
    }
}
