package io.sashell.core;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * The JDK that wrote a core and what SA needs to open the core with it.
 *
 * @param jdkHome the JDK to run SA from (its {@code bin/java} with {@code --add-modules jdk.hotspot.agent})
 * @param exe the executable to give SA with the core: the one the core names when it is here and the same
 *     file, else the chosen JDK's {@code bin/java}
 * @param saAltRoot when present, the JVM that runs SA needs {@code SA_ALTROOT=<this>} in its environment:
 *     a directory of symlinks (made by the locator, removed by {@link #close()}) holding the runtime loader,
 *     libjvm, the CDS archive and the other libraries at the paths the core recorded
 * @param version the core's JDK version (from the core, else from the chosen JDK's release file)
 * @param buildId the build-id of the core's libjvm, when its first page is in the core
 * @param recordedHome the JDK home the core recorded (the libjvm path less {@code lib/server/libjvm.so})
 * @param notes what the locator worked around, one line each (for a verbose mode)
 */
public record JdkLocation(Path jdkHome, Path exe, Optional<Path> saAltRoot, Optional<JvmVersion> version,
                          Optional<String> buildId, Path recordedHome, List<String> notes) implements AutoCloseable {

    public JdkLocation {
        notes = List.copyOf(notes);
    }

    /** The java launcher of {@link #jdkHome()}: the one to run SA with. */
    public Path javaLauncher() {
        return jdkHome.resolve("bin").resolve("java");
    }

    /** Removes the alternate root directory the locator made (symlinks and directories only). */
    @Override
    public void close() throws IOException {
        if (saAltRoot.isPresent()) {
            deleteLinkTree(saAltRoot.get());
        }
    }

    /** Deletes a directory tree without following symlinks: the links go, their targets stay. */
    static void deleteLinkTree(Path root) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
