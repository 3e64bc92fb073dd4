package io.sashell.cli;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

class Jdk17MemoryCoreIT extends MemoryCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK17;
    }
}
