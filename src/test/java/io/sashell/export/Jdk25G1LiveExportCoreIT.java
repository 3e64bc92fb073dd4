package io.sashell.export;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

class Jdk25G1LiveExportCoreIT extends ExportLiveCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK25;
    }

    @Override
    String[] jvmArgs() {
        return new String[] {"-Xmx64m", "-XX:+UseG1GC"};
    }
}
