import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A JVM with as many classes as a large application server (about 16,000 on JDK 17) and a small heap: loads every
 * class of a few JDK modules without initializing them, keeps them, prints "classes N" and "ready", then idles
 * until aborted. The benchmark of what sa-shell pays per class (bench/classes.sh).
 */
public class ManyClasses {
    static final List<Object> KEEP = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        int loaded = 0;
        for (String module : new String[] {"java.base", "java.desktop", "java.xml", "java.sql", "java.management",
                "jdk.compiler"}) {
            Path root = jrt.getPath("/modules/" + module);
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    String f = root.relativize(p).toString();
                    if (!f.endsWith(".class") || f.endsWith("module-info.class")) {
                        continue;
                    }
                    try {
                        KEEP.add(Class.forName(f.substring(0, f.length() - 6).replace('/', '.'), false,
                                ClassLoader.getSystemClassLoader()));
                        loaded++;
                    } catch (Throwable t) {
                        // A class that does not link here (a missing optional dependency): not counted.
                    }
                }
            }
        }
        System.out.println("classes " + loaded);
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
