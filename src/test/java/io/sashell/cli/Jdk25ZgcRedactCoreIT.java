package io.sashell.cli;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

/** redact on a JDK 25 generational ZGC core: the redacted copy still answers histo, refs, path and histo --live. */
class Jdk25ZgcRedactCoreIT extends RedactCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK25;
    }

    @Override
    String[] jvmArgs() {
        return new String[] {"-XX:+UseZGC", "-Xmx256m"};
    }
}
