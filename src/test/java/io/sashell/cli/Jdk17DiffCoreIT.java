package io.sashell.cli;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

class Jdk17DiffCoreIT extends DiffCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK17;
    }
}
