/**
 * The smallest heap a program has: nothing of its own beyond what starting the JVM and this class allocate.
 * Prints "ready", then idles until the test aborts it.
 */
public class EmptyHeap {
    public static void main(String[] args) throws InterruptedException {
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
