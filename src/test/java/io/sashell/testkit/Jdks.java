package io.sashell.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** The JDKs on this machine that tests make cores with. */
public final class Jdks {
    public static final Path JDK17 = firstExisting("/usr/lib/jvm/java-17-openjdk-amd64");
    public static final Path JDK25 = firstExisting("/usr/lib/jvm/temurin-25-jdk-amd64");

    private Jdks() {
    }

    private static Path firstExisting(String path) {
        Path p = Path.of(path);
        if (!Files.isExecutable(p.resolve("bin/java"))) {
            throw new IllegalStateException("tests need the JDK at " + path);
        }
        return p;
    }
}
