package io.sashell.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Where sa-shell finds its own files and keeps its state. Every directory it makes is mode 0700. */
final class Paths {
    private Paths() {
    }

    /** The sa-shell checkout: {@code -Dsashell.home} from the launcher, else two levels above the jar. */
    static Path home() {
        String prop = System.getProperty("sashell.home");
        if (prop != null) {
            return Path.of(prop);
        }
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent();
        } catch (URISyntaxException e) {
            return Path.of(".");
        }
    }

    /** {@code $XDG_CACHE_HOME/sa-shell} or {@code ~/.cache/sa-shell}. */
    static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : userHome().resolve(".cache");
        return privateDir(base.resolve("sa-shell"));
    }

    /** {@code ~/.sa-shell/history}. */
    static Path historyFile() {
        return userHome().resolve(".sa-shell").resolve("history");
    }

    /** {@code $HOME} when set (the JDK's user.home ignores it), else user.home. */
    static Path userHome() {
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"));
    }

    static Path privateDir(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
