package io.sashell.export;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

/** export on generational ZGC (JDK 25): coloured reference fields are written as the addresses they stand for. */
class Jdk25ZgcExportCoreIT extends ExportCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK25;
    }

    @Override
    String[] jvmArgs() {
        return new String[] {"-Xmx64m", "-XX:+UseZGC"};
    }
}
