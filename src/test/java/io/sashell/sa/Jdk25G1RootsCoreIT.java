package io.sashell.sa;

import java.nio.file.Path;
import java.util.List;

import io.sashell.testkit.Jdks;

class Jdk25G1RootsCoreIT extends RootsCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK25;
    }

    @Override
    List<String> jvmArgs() {
        return List.of("-Xmx64m", "-XX:+UseG1GC");
    }

    @Override
    boolean saParsesIndyFrames() {
        return false;
    }

    @Override
    boolean lockStacks() {
        return true;
    }
}
