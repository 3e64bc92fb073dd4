package io.sashell.export;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

class Jdk25EmptyHeapExportCoreIT extends EmptyHeapExportCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK25;
    }

    @Override
    String[] jvmArgs() {
        return new String[] {"-Xmx32m", "-XX:+UseG1GC"};
    }
}
