package io.sashell.report;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

class Jdk17ReportCoreIT extends ReportCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK17;
    }
}
