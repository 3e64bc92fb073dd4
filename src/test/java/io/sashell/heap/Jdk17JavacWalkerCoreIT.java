package io.sashell.heap;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

class Jdk17JavacWalkerCoreIT extends JavacWalkerCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK17;
    }
}
