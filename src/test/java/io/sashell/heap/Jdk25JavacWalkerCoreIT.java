package io.sashell.heap;

import java.nio.file.Path;

import io.sashell.testkit.Jdks;

class Jdk25JavacWalkerCoreIT extends JavacWalkerCoreIT {
    @Override
    Path jdk() {
        return Jdks.JDK25;
    }
}
