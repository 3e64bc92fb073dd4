package io.sashell.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sashell.core.CoreMaker;
import io.sashell.testkit.Chromium;
import io.sashell.testkit.Repo;
import io.sashell.testkit.Run;
import io.sashell.testkit.ScenarioCore;

/**
 * {@code report} on a real core of {@code testdata/report/ReportLeak.java} (a static cache of 20,000 entries,
 * owned by a secret name; a thread with a secret name keeping a long[] in a ThreadLocal; a Flight Recorder
 * recording in its repository), once per JDK (the subclasses), checked in headless Chromium with no network:
 * the DOM after the page's scripts ran against the shell's own answers ({@code suspects},
 * {@code histo --retained}), a click on a treemap cell, a screenshot, the requests the page made, and the
 * {@code --redact} report against the planted secrets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReportCoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Path work;
    private Path core;
    private Path index;
    private String owner;
    private String threadName;
    private Path report;
    private Path redacted;
    private Path session;
    private JsonNode written;
    private JsonNode suspects;
    private JsonNode histogram;
    private Chromium chromium;
    private Chromium.Load page;
    private Document dom;

    abstract Path jdk();

    @BeforeAll
    void makeCoreAndReports() throws Exception {
        work = Files.createTempDirectory("sa-shell-report-it-");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx------"));
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        owner = token();
        threadName = token();
        CoreMaker.Spec spec = new CoreMaker.Spec(jdk(), Repo.root().resolve("testdata/report/ReportLeak.java"),
                "ReportLeak", List.of("-Xmx64m", "-XX:+UseG1GC", "-XX:StartFlightRecording",
                        "-Djava.io.tmpdir=" + tmp), List.of(owner, threadName), CoreMaker.Trigger.ABORT_WHEN_READY,
                work, Duration.ofMinutes(2));
        core = CoreMaker.make(spec).core();
        index = Files.createDirectories(work.resolve("index"));
        report = work.resolve("report.html");
        written = JSON.readTree(ok(Run.saShell(null, "report", core.toString(), "-o", report.toString(), "--index",
                index.toString(), "--json")).stdout());
        redacted = work.resolve("redacted.html");
        ok(Run.saShell(null, "report", core.toString(), "-o", redacted.toString(), "--redact", "--index",
                index.toString()));
        // In a session opened with --redact, report leaves the data out without being asked.
        session = work.resolve("session.html");
        ok(Run.saShell(null, "open", core.toString(), "--redact", "--index", index.toString(), "-c",
                "report -o " + session));
        List<String> answers = ok(Run.saShell(null, "open", core.toString(), "--json", "--index", index.toString(),
                "-c", "suspects", "-c", "histo --retained -n 10")).stdout().lines().toList();
        suspects = JSON.readTree(answers.get(0));
        histogram = JSON.readTree(answers.get(1));
        chromium = Chromium.in(work);
        page = chromium.dumpDom(report.toUri().toString());
        dom = Jsoup.parse(page.dom());
    }

    @AfterAll
    void deleteWork() throws Exception {
        if (work != null) {
            ScenarioCore.deleteTree(work);
        }
    }

    private static Run ok(Run r) {
        assertEquals(0, r.exitCode(), () -> "sa-shell failed: " + r.stderr() + r.stdout());
        return r;
    }

    /** A random text no core holds by chance: letters and digits. */
    static String token() {
        return "s" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void reportsAreOneFileOfMode0600() throws Exception {
        for (Path p : List.of(report, redacted, session)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
        }
        assertEquals(Files.size(report), written.get("bytes").asLong());
        assertEquals(report.toString(), written.get("file").asText());
        assertTrue(Files.size(report) < 4L << 20, "a few MB at most: " + Files.size(report));
        try (var s = Files.list(work)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file left");
        }
    }

    @Test
    void firstSuspectIsTheStaticCacheAsTheShellSaysIt() {
        JsonNode first = suspects.get("suspects").get(0);
        assertEquals("static ReportLeak.cache", first.get("holder").asText());
        Element card = dom.selectFirst("section#suspects div.suspect");
        assertNotNull(card, page.dom());
        assertEquals("static ReportLeak.cache", card.attr("data-holder"));
        assertEquals("static ReportLeak.cache", card.selectFirst(".holder").text());
        assertTrue(card.text().contains(first.get("suspect").get("address").asText()), card.text());
        String point = first.get("accumulation").get("address").asText();
        assertTrue(card.text().contains("java.lang.Object[] " + point), card.text());
        assertTrue(card.text().contains("20,000 × ReportLeak$Entry"), card.text());
        assertEquals(suspects.get("suspects").size(), dom.select("section#suspects div.suspect").size());
        // The last hop of the path shown is the accumulation point's, as path prints it.
        List<String> hops = card.select("ol.path li").eachText();
        assertTrue(hops.get(hops.size() - 1).endsWith("java.lang.Object[] " + point), hops.toString());
        assertTrue(hops.stream().anyMatch(h -> h.startsWith("static ReportLeak.cache → ReportLeak$Cache")),
                hops.toString());
    }

    @Test
    void topClassesAreTheRetainedHistogramsInItsOrder() {
        List<String> expected = new ArrayList<>();
        histogram.get("rows").forEach(r -> expected.add(r.get("class").asText()));
        List<String> shown = new ArrayList<>();
        for (Element row : dom.select("section#histogram tbody tr")) {
            shown.add(row.child(0).text());
            if (shown.size() == expected.size()) {
                break;
            }
        }
        assertEquals(expected, shown);
        assertTrue(expected.contains("ReportLeak$Entry"), expected.toString());
    }

    @Test
    void treemapCellsAreTheDominatorTreeWithTheLeakAsItsLargestObjectCell() {
        List<Element> cells = dom.select("svg#tm-svg rect.cell");
        assertTrue(cells.size() > 20, "cells: " + cells.size());
        JsonNode first = suspects.get("suspects").get(0);
        JsonNode point = first.get("accumulation");
        // The big objects class mirrors keep through statics stand beside their mirror at the top: the largest
        // top cell of all is the suspect, the cache; the largest cell inside it, its list, which retains its
        // array and itself.
        Element cache = largest(cells, "");
        assertEquals("ReportLeak$Cache " + first.get("suspect").get("address").asText(), name(cache));
        Element top = cells.stream().filter(c -> c.attr("data-parent").equals("0"))
                .max(Comparator.comparingLong(c -> Long.parseLong(c.attr("data-retained")))).orElseThrow();
        assertEquals(name(cache), name(top));
        assertEquals("0", cache.attr("data-parent"));
        assertEquals(first.get("suspect").get("retained").asLong(), Long.parseLong(cache.attr("data-retained")));
        Element list = largest(cells, cache.attr("data-node"));
        assertEquals("java.util.ArrayList " + point.get("dominator").get("address").asText(), name(list));
        assertEquals(point.get("retained").asLong() + point.get("dominator").get("size").asLong(),
                Long.parseLong(list.attr("data-retained")));
        assertTrue(dom.select("svg#tm-svg text").size() > 5);
        assertFalse(dom.select("#tm-crumbs a").isEmpty());
    }

    private static String name(Element cell) {
        return cell.attr("data-class") + " " + cell.attr("data-address");
    }

    /** The cell retaining most that is no class mirror, among all ({@code parent} empty) or a parent's cells. */
    private static Element largest(List<Element> cells, String parent) {
        Element best = null;
        for (Element c : cells) {
            if (c.attr("data-class").startsWith("java.lang.Class")
                    || (!parent.isEmpty() && !c.attr("data-parent").equals(parent))) {
                continue;
            }
            if (best == null || Long.parseLong(c.attr("data-retained")) > Long.parseLong(best.attr("data-retained"))) {
                best = c;
            }
        }
        assertNotNull(best, "no cell below " + parent);
        return best;
    }

    @Test
    void clickingACellShowsTheObjectsPath() throws Exception {
        String point = suspects.get("suspects").get(0).get("accumulation").get("address").asText();
        Document clicked = Jsoup.parse(chromium.dumpDom(report.toUri() + "#click=" + point).dom());
        Element detail = clicked.selectFirst("#tm-detail");
        assertTrue(detail.selectFirst("h3").text().equals("java.lang.Object[] " + point), detail.text());
        List<String> hops = detail.select("#tm-path li").eachText();
        assertTrue(hops.size() >= 3, hops.toString());
        assertTrue(hops.get(hops.size() - 1).equals("java.util.ArrayList.elementData → java.lang.Object[] " + point),
                hops.toString());
        assertTrue(hops.stream().anyMatch(h -> h.startsWith("static ReportLeak.cache →")), hops.toString());
        // The click descended into the array: its 20,000 entries, each too small to draw, are one cell now.
        assertEquals("java.lang.Object[] " + point, clicked.select("#tm-crumbs a").last().text());
        JsonNode acc = suspects.get("suspects").get(0).get("accumulation");
        List<Element> cells = clicked.select("#tm-svg rect.cell");
        assertEquals(List.of(acc.get("elementClass").asText()), cells.stream().map(c -> c.attr("data-class")).toList());
        assertEquals(acc.get("count").asLong(), Long.parseLong(cells.get(0).attr("data-count")));
        assertEquals(acc.get("elementsRetained").asLong(), Long.parseLong(cells.get(0).attr("data-retained")));
    }

    @Test
    void screenshotIsNotBlank() throws Exception {
        Path png = work.resolve("report.png");
        chromium.screenshot(report.toUri().toString(), png, 1400, 2400);
        BufferedImage img = ImageIO.read(png.toFile());
        Set<Integer> colours = new HashSet<>();
        long white = 0;
        long pixels = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                white += rgb == 0xFFFFFF ? 1 : 0;
                pixels++;
            }
        }
        assertTrue(colours.size() > 200, "colours: " + colours.size());
        assertTrue(white < pixels * 0.9, "mostly white: " + white + " of " + pixels);
    }

    @Test
    void thePageMakesNoRequestAndTheLogWouldShowOne() throws Exception {
        assertEquals(List.of(), page.pageRequests());
        // The same log on a page that does ask the network: the check sees requests when there are some.
        Path control = work.resolve("control.html");
        Files.writeString(control, "<html><body><img src=\"http://127.0.0.1:9/pixel.png\"></body></html>");
        assertEquals(List.of("http://127.0.0.1:9/pixel.png"),
                chromium.dumpDom(control.toUri().toString()).pageRequests());
    }

    @Test
    void theHeapTrendChartIsDrawnFromTheRecording() {
        Element chart = dom.selectFirst("section#trend svg#trend-chart");
        assertNotNull(chart, dom.select("section#trend").text());
        assertTrue(chart.select("circle").size() >= 4, chart.outerHtml());
    }

    @Test
    void secretsAreInTheReportAndNotInTheRedactedOne() throws Exception {
        String plain = Files.readString(report, StandardCharsets.UTF_8);
        assertTrue(plain.contains(owner), "the cache's owner is a field value the plain report shows");
        assertTrue(plain.contains(threadName), "the thread's name is shown in the plain report");
        String red = Files.readString(redacted, StandardCharsets.UTF_8);
        assertFalse(red.contains(owner), "owner in the redacted report");
        assertFalse(red.contains(threadName), "thread name in the redacted report");
        String fromSession = Files.readString(session, StandardCharsets.UTF_8);
        assertFalse(fromSession.contains(owner) || fromSession.contains(threadName), "a secret in open --redact's report");
        assertTrue(fromSession.contains("\"redacted\":true"));
        Document rd = Jsoup.parse(chromium.dumpDom(redacted.toUri().toString()).dom());
        assertFalse(rd.text().contains(owner) || rd.text().contains(threadName));
        // Structure stays: the same suspect holders (the thread's name aside) and classes.
        assertEquals("static ReportLeak.cache", rd.selectFirst("section#suspects div.suspect").attr("data-holder"));
        assertTrue(rd.select("section#suspects div.suspect").eachAttr("data-holder").contains("thread <redacted>"),
                rd.select("section#suspects div.suspect").eachAttr("data-holder").toString());
        assertEquals(dom.select("section#histogram tbody tr").size(), rd.select("section#histogram tbody tr").size());
    }
}
