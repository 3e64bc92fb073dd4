package io.sashell.cli;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

class Jdk25LeakIndexCoreIT extends LeakIndexCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK25;
    }
}
