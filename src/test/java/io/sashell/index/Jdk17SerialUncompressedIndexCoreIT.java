package io.sashell.index;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

/** Whole 8-byte references and klass words. */
class Jdk17SerialUncompressedIndexCoreIT extends IndexGraphCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK17;
    }

    @Override
    String[] jvmArgs() {
        return new String[] {"-Xmx64m", "-Xms64m", "-XX:+UseSerialGC", "-XX:-UseCompressedOops",
            "-XX:-UseCompressedClassPointers"};
    }
}
