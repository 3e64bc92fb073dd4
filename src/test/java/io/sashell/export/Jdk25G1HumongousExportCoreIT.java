package io.sashell.export;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

class Jdk25G1HumongousExportCoreIT extends HumongousExportCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK25;
    }
}
