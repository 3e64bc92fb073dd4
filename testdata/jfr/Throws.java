import java.nio.file.Path;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Throws three Errors and two exceptions under a recording with the default settings and writes it to the
 * file named by the first argument: JDK 25 records all five as jdk.JavaExceptionThrow, JMC 9.1.1 reads two.
 */
public class Throws {
    public static void main(String[] args) throws Exception {
        try (Recording r = new Recording(Configuration.getConfiguration("default"))) {
            r.start();
            for (int i = 0; i < 3; i++) {
                try {
                    throw new StackOverflowError("error " + i);
                } catch (Error e) {
                    // thrown for the recording
                }
            }
            for (int i = 0; i < 2; i++) {
                try {
                    throw new IllegalStateException("exception " + i);
                } catch (IllegalStateException e) {
                    // thrown for the recording
                }
            }
            r.stop();
            r.dump(Path.of(args[0]));
        }
    }
}
