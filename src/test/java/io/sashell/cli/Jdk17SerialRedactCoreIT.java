package io.sashell.cli;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

/** redact on a JDK 17 Serial core (an empty survivor space, no regions). */
class Jdk17SerialRedactCoreIT extends RedactCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK17;
    }

    @Override
    String[] jvmArgs() {
        return new String[] {"-XX:+UseSerialGC", "-Xmx128m"};
    }
}
