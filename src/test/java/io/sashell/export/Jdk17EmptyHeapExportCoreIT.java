package io.sashell.export;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

class Jdk17EmptyHeapExportCoreIT extends EmptyHeapExportCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK17;
    }

    @Override
    String[] jvmArgs() {
        return new String[] {"-Xmx32m", "-XX:+UseSerialGC"};
    }
}
