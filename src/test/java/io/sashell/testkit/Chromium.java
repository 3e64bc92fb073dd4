package io.sashell.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Headless Chromium (Debian's {@code chromium}) for the report tests: dumps a page's DOM after its scripts ran,
 * takes a screenshot, and logs every network request (Chromium's NetLog) so that a test can tell which
 * requests the page made. As root it runs in a network namespace of its own ({@code unshare -n}): no network
 * at all; otherwise every host name fails to resolve and the proxy is a closed port. Chromium's own
 * background requests (updates, time) are switched off where flags allow and told apart from the page's by
 * their network isolation key (the page's is {@code file://}).
 */
public final class Chromium {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path binary;
    private final Path work;

    private Chromium(Path binary, Path work) {
        this.binary = binary;
        this.work = work;
    }

    /** Chromium, installed by {@code scripts/install-chromium.sh} when missing; profiles and logs in {@code work}. */
    public static Chromium in(Path work) throws IOException, InterruptedException {
        Path found = find();
        if (found == null) {
            Run r = Run.of(List.of(Repo.root().resolve("scripts/install-chromium.sh").toString()), null, Map.of(),
                    null);
            found = find();
            if (found == null) {
                throw new IOException("chromium is missing and scripts/install-chromium.sh failed: " + r.stderr());
            }
        }
        return new Chromium(found, work);
    }

    private static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "chromium");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** What one page load gave: the DOM after the scripts ran, and the URLs the page asked for. */
    public record Load(String dom, List<String> pageRequests, Run run) {
    }

    /** Loads {@code url} and prints its DOM ({@code --dump-dom}). */
    public Load dumpDom(String url) throws IOException, InterruptedException {
        return load(url, List.of("--dump-dom"));
    }

    /** Loads {@code url} and writes a PNG of {@code width} x {@code height} pixels. */
    public Load screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
        return load(url, List.of("--screenshot=" + png, "--window-size=" + width + "," + height,
                "--hide-scrollbars"));
    }

    private Load load(String url, List<String> action) throws IOException, InterruptedException {
        Path netLog = Files.createTempFile(work, "netlog-", ".json");
        Path profile = Files.createTempDirectory(work, "chromium-profile-");
        List<String> cmd = new ArrayList<>();
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            cmd.addAll(List.of("unshare", "-n"));
        }
        cmd.addAll(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
                "--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--user-data-dir=" + profile, "--log-net-log=" + netLog));
        cmd.addAll(action);
        cmd.add(url);
        Run r = Run.of(cmd, null, Map.of(), work);
        if (r.exitCode() != 0) {
            throw new IOException("chromium failed (" + r.exitCode() + "): " + r.stderr());
        }
        List<String> requests = pageRequests(netLog);
        ScenarioCore.deleteTree(profile);
        Files.deleteIfExists(netLog);
        return new Load(r.stdout(), requests, r);
    }

    /** URLs of the requests made for a {@code file://} page (its frames' isolation key), from the NetLog. */
    static List<String> pageRequests(Path netLog) throws IOException {
        JsonNode log = JSON.readTree(netLog.toFile());
        int startJob = log.get("constants").get("logEventTypes").get("URL_REQUEST_START_JOB").asInt();
        List<String> urls = new ArrayList<>();
        for (JsonNode e : log.get("events")) {
            JsonNode p = e.get("params");
            if (e.get("type").asInt() == startJob && p != null && p.has("url")
                    && p.path("network_isolation_key").asText().startsWith("file://")) {
                urls.add(p.get("url").asText());
            }
        }
        return urls;
    }
}
