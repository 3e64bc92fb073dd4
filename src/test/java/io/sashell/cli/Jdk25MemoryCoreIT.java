package io.sashell.cli;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

class Jdk25MemoryCoreIT extends MemoryCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK25;
    }
}
