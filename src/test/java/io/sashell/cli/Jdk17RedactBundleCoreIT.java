package io.sashell.cli;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

/** {@code bundle --redact} of a JDK 17 core with an hs_err log and an emergency recording beside it. */
class Jdk17RedactBundleCoreIT extends RedactBundleCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK17;
    }
}
