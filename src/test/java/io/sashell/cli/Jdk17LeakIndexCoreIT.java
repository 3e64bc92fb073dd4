package io.sashell.cli;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

class Jdk17LeakIndexCoreIT extends LeakIndexCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK17;
    }
}
