package io.sashell.heap;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

class Jdk25G1ChurnWalkerCoreIT extends ChurnWalkerCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK25;
    }

    @Override
    String[] jvmArgs() {
        return new String[] {"-Xmx48m", "-XX:+UseG1GC"};
    }
}
