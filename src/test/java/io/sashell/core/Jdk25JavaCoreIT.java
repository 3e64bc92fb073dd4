package io.sashell.core;

import io.sashell.testkit.Jdks;
import java.nio.file.Path;

class Jdk25JavaCoreIT extends JavaCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK25;
    }

    @Override
    Path otherJdk() {
        return Jdks.JDK17;
    }
}
