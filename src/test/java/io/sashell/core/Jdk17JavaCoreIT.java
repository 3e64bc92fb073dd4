package io.sashell.core;

import io.sashell.testkit.Jdks;
import java.nio.file.Path;

class Jdk17JavaCoreIT extends JavaCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK17;
    }

    @Override
    Path otherJdk() {
        return Jdks.JDK25;
    }
}
