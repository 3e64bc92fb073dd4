package io.sashell.report;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

class Jdk25ReportCoreIT extends ReportCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK25;
    }
}
