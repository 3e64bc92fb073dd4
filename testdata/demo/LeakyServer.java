import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The memory leak of sa-shell's demo, after the Node.js example that inspired the tool: a request handler
 * that keeps every request it ever served in a static list. Run it with a small heap and
 * -XX:+CrashOnOutOfMemoryError and it dies, leaving a core. With --stop-when-full it prints "ready" once the
 * heap is nearly full instead (for machines where a core is taken with gcore).
 */
public class LeakyServer {
    /** The leak: nobody ever removes a request from here. */
    static final List<Request> REQUESTS = new ArrayList<>();

    record Request(long id, String name, Map<String, String> headers, Object[] arr) {
    }

    static String handle(long id) {
        Map<String, String> headers = new HashMap<>();
        headers.put("user-agent", "demo-client/1.0");
        headers.put("x-request-id", "req-" + id);
        REQUESTS.add(new Request(id, "hi", headers, new Object[10_000]));
        return "{\"message\": \"test\"}";
    }

    public static void main(String[] args) throws InterruptedException {
        boolean stopWhenFull = args.length > 0 && args[0].equals("--stop-when-full");
        Runtime rt = Runtime.getRuntime();
        for (long id = 0; ; id++) {
            handle(id);
            if (id % 100 == 0) {
                System.out.println("served " + id + " requests");
            }
            if (stopWhenFull && rt.totalMemory() - rt.freeMemory() > rt.maxMemory() * 8 / 10) {
                System.out.println("ready");
                System.out.flush();
                Thread.sleep(600_000);
                return;
            }
        }
    }
}
