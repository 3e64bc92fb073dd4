package io.sashell.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout the tests run in. */
public final class Repo {
    private Repo() {
    }

    public static Path root() {
        String prop = System.getProperty("sashell.root");
        Path p = Path.of(prop != null ? prop : System.getProperty("user.dir")).toAbsolutePath();
        if (!Files.isDirectory(p.resolve("testdata"))) {
            throw new IllegalStateException("not the sa-shell checkout: " + p);
        }
        return p;
    }

    public static Path launcher() {
        return root().resolve("sa-shell/sa-shell");
    }
}
