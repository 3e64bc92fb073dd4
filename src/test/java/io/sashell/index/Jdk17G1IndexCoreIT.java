package io.sashell.index;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

class Jdk17G1IndexCoreIT extends IndexGraphCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK17;
    }

    @Override
    String[] jvmArgs() {
        return new String[] {"-Xmx64m", "-Xms64m", "-XX:+UseG1GC"};
    }
}
