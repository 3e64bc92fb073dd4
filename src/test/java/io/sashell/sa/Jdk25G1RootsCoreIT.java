package io.sashell.sa;

import java.nio.file.Path;
import java.util.List;

import io.sashell.testkit.Jdks;

/**
 * With the packages the launcher opens, so that sa-shell's {@code SaConstantPool} stands in for SA 25's constant
 * pools: the frame of a method with an invokedynamic gets its oop map ({@link Jdk25SerialRootsCoreIT} keeps SA as it
 * is, where it does not).
 */
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
        return true;
    }

    @Override
    String[] opened() {
        return new String[] {"sun.jvm.hotspot.oops"};
    }

    @Override
    boolean lockStacks() {
        return true;
    }
}
