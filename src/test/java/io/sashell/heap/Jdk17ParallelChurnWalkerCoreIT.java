package io.sashell.heap;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

class Jdk17ParallelChurnWalkerCoreIT extends ChurnWalkerCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK17;
    }

    @Override
    String[] jvmArgs() {
        return new String[] {"-Xmx48m", "-XX:+UseParallelGC"};
    }
}
