package io.sashell.redact;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scrubs an {@code hs_err_pid*.log} for a redacted bundle, line by line. What goes: the command line, the JVM's
 * arguments, the main class's arguments and class path; environment variables' values; string flags' values;
 * thread names; exception messages in the event logs; every memory dump (top of stack, instructions, and the
 * register and stack-slot "memory mapping" sections, which print objects with their contents, Strings as text);
 * vector registers; at {@code full} the general registers but rip, rsp and rbp (as in the core). Then every
 * occurrence of the given strings (the process's arguments and environment, thread names) is overwritten with
 * {@code *} of the same length. What stays: the crash summary, frames (classes and methods), heap layout, the
 * libraries' map, GC and VM events, the machine's description.
 * The text is handled as ISO-8859-1, so bytes that are not ASCII pass through unchanged.
 */
public final class HsErrScrubber {
    static final String REDACTED = "<redacted>";
    private static final Pattern COMMAND_LINE = Pattern.compile("^(Command Line|jvm_args|java_command"
            + "|java_class_path \\(initial\\)|sun\\.java\\.command|Launcher Type)(:\\s*)(.*)$");
    private static final Pattern STRING_FLAG = Pattern.compile("^(\\s*ccstr(?:list)?\\s+\\S+\\s+=\\s)(.*?)(\\s+\\{.*)$");
    private static final Pattern THREAD_NAME = Pattern.compile("(Thread\\S*\\s+)\"(.*)\"(\\s+(?:daemon\\s+)?\\[)");
    private static final Pattern EXCEPTION = Pattern.compile("(Exception <a '[^']*'\\{0x[0-9a-fA-F]+\\}): .*(> \\(0x)");
    private static final Pattern HEX_DUMP = Pattern.compile("^\\s*0x[0-9a-fA-F]+:(\\s+(0x)?[0-9a-fA-F]{2,16})+\\s*$");
    private static final Pattern VECTOR = Pattern.compile("^\\s*(XMM|YMM|ZMM|MXCSR|K\\d|ST\\d|MM\\d).*");
    private static final Pattern GENERAL_REGISTER = Pattern.compile(
            "\\b(RAX|RBX|RCX|RDX|RSI|RDI|R8|R9|R10|R11|R12|R13|R14|R15|ERR|TRAPNO)(\\s*)=0x[0-9a-fA-F]+");
    /**
     * Sections whose lines print memory (and the objects it holds, Strings as text). Their entries hold blank
     * lines and lines that look like titles, so such a section ends only at a part's rule ("-----") or at one of
     * {@link #AFTER_MEMORY}: when in doubt, more is dropped, never less.
     */
    private static final List<String> MEMORY_SECTIONS = List.of("Top of Stack:", "Instructions:",
            "Register to memory mapping:", "Stack slot to memory mapping", "Lock stack of current Java thread");
    private static final List<String> AFTER_MEMORY = List.of("---------------", "Registers:", "Native frames:",
            "Java frames:", "siginfo:", "Current thread", "Stack:");

    private HsErrScrubber() {
    }

    /** What was scrubbed, by kind of line, for the bundle's report: counts, never content. */
    public record Result(String text, int linesChanged, int linesDropped) {
    }

    /**
     * @param text    the log, as ISO-8859-1 text
     * @param needles strings to overwrite wherever they occur (4 characters or more; shorter ones are ignored)
     */
    public static Result scrub(String text, Collection<String> needles, RedactLevel level) {
        List<String> sorted = new ArrayList<>();
        for (String n : needles) {
            if (n != null && n.length() >= 4) {
                sorted.add(n);
            }
        }
        // Longest first: a needle inside a longer one must not leave the longer one's remainder.
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder out = new StringBuilder(text.length());
        int changed = 0;
        int dropped = 0;
        String section = "";
        boolean inMemory = false;
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (inMemory && AFTER_MEMORY.stream().anyMatch(line::startsWith)) {
                inMemory = false;
            }
            if (trimmed.isEmpty()) {
                section = "";
            } else if (isTitle(line)) {
                section = trimmed;
                if (MEMORY_SECTIONS.stream().anyMatch(trimmed::startsWith)) {
                    inMemory = true;
                    out.append(line).append('\n').append(REDACTED).append('\n');
                    changed++;
                    continue;
                }
            }
            if (inMemory && trimmed.isEmpty()) {
                // Keep one blank line between sections, as the log had.
                if (out.length() > 1 && out.charAt(out.length() - 2) != '\n') {
                    out.append('\n');
                }
                continue;
            }
            if (inMemory || HEX_DUMP.matcher(line).matches() || VECTOR.matcher(line).matches()) {
                dropped++;
                continue;
            }
            String s = scrubLine(line, section, level);
            s = overwrite(s, sorted);
            if (!s.equals(line)) {
                changed++;
            }
            out.append(s).append('\n');
        }
        out.setLength(out.length() - 1);
        return new Result(out.toString(), changed, dropped);
    }

    /** A section title: "Name:" alone on its line, or "Name (N events):". */
    private static boolean isTitle(String line) {
        return !line.startsWith(" ") && (line.endsWith(":") || line.matches("[A-Z][^:]* \\(\\d+ events\\):")
                || MEMORY_SECTIONS.stream().anyMatch(line::startsWith));
    }

    private static String scrubLine(String line, String section, RedactLevel level) {
        Matcher m = COMMAND_LINE.matcher(line);
        if (m.matches() && !m.group(1).equals("Launcher Type")) {
            return m.group(1) + m.group(2) + REDACTED;
        }
        if (section.equals("Environment Variables:") && !line.equals(section)) {
            int eq = line.indexOf('=');
            return eq > 0 ? line.substring(0, eq + 1) + REDACTED : REDACTED;
        }
        m = STRING_FLAG.matcher(line);
        String s = m.matches() ? m.group(1) + REDACTED + m.group(3) : line;
        s = THREAD_NAME.matcher(s).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "\"" + REDACTED + "\""
                + r.group(3)));
        s = EXCEPTION.matcher(s).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + ": " + REDACTED + r.group(2)));
        if (level == RedactLevel.FULL) {
            s = GENERAL_REGISTER.matcher(s).replaceAll(r -> r.group(1) + r.group(2) + "=" + REDACTED);
        }
        return s;
    }

    /** Every occurrence of each needle overwritten with {@code *}, the length kept. */
    static String overwrite(String s, List<String> needles) {
        String out = s;
        for (String n : needles) {
            if (out.contains(n)) {
                out = out.replace(n, "*".repeat(n.length()));
            }
        }
        return out;
    }

    /** The log's bytes scrubbed (read and written as ISO-8859-1, so every byte survives). */
    public static Result scrub(byte[] log, Collection<String> needles, RedactLevel level) {
        return scrub(new String(log, StandardCharsets.ISO_8859_1), needles, level);
    }
}
