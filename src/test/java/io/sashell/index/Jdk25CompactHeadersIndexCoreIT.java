package io.sashell.index;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

class Jdk25CompactHeadersIndexCoreIT extends IndexGraphCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK25;
    }

    @Override
    String[] jvmArgs() {
        return new String[] {"-Xmx64m", "-Xms64m", "-XX:+UseG1GC", "-XX:+UseCompactObjectHeaders"};
    }
}
