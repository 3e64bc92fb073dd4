package io.sashell.redact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordingFile;

/**
 * Scrubs a Flight Recorder recording for a redacted bundle, on any JDK 17 or newer (JDK 17 has no {@code jfr
 * scrub}, and dropping events would not be enough: the threads' names sit in the constant pools of the events
 * kept). Every event is kept; every string that is data is overwritten in place with {@code *} of the same byte
 * length, so the file keeps its layout and stays readable. Data is every string field of an event and of the
 * objects it refers to (threads, thread groups, old objects and their roots, ...), but for the structure a
 * core keeps too: classes, methods, packages, modules, class loaders, symbols, the VM's enumerations (GC
 * names and causes, thread states, frame types: types of {@code jdk.types} with one string field) and GC
 * phase names. So the values of {@code jdk.InitialSystemProperty}, {@code jdk.InitialEnvironmentVariable},
 * {@code jdk.JVMInformation}'s arguments, {@code jdk.SystemProcess}'s command lines, exception messages, file
 * paths and thread names are gone; counts, sizes, times and stacks stay.
 *
 * <p>Strings are found where the JFR format stores them: an encoding byte (3 UTF-8, 4 char array, 5 Latin-1),
 * a varint length, the contents. Strings of fewer than {@link #MIN_BYTES} bytes are left (too short to find
 * without a risk of hitting numbers). The result is read again and checked: if any data string is left, or
 * any of the given needles occurs in its bytes, the recording is refused (the bundle leaves it out).
 */
public final class JfrScrubber {
    static final int MIN_BYTES = 4;
    private static final Set<String> STRUCTURE = Set.of("java.lang.Class", "jdk.types.Method", "jdk.types.Package",
            "jdk.types.Module", "jdk.types.ClassLoader", "jdk.types.Symbol");

    private JfrScrubber() {
    }

    /** The outcome: the number of strings overwritten, or why the recording cannot be sent. */
    public record Result(int stringsScrubbed, Optional<String> refusal) {
    }

    /** The strings of a recording: data to scrub, and structure to keep. */
    record Strings(Set<String> data, Set<String> structure) {
        /** Data that is not also structure (a class named like a thread keeps its name, as in the core). */
        Set<String> toScrub() {
            Set<String> s = new HashSet<>();
            for (String d : data) {
                if (!structure.contains(d) && d.getBytes(StandardCharsets.UTF_8).length >= MIN_BYTES) {
                    s.add(d);
                }
            }
            return s;
        }
    }

    /**
     * Writes the scrubbed copy of {@code in} to {@code out} (created mode 0600 by the caller, or new).
     *
     * @param needles strings that must not be left anywhere in the output (the process's arguments and
     *                environment, one char a byte as {@link RedactionPlan#processStrings()}); those that are part of
     *                the recording's structure are not looked for
     */
    public static Result scrub(Path in, Path out, Collection<String> needles) throws IOException {
        Strings strings;
        try {
            strings = read(in);
        } catch (IOException | RuntimeException e) {
            return new Result(0, Optional.of("it does not parse (" + e.getClass().getSimpleName() + ")"));
        }
        Set<String> scrub = strings.toScrub();
        byte[] bytes = Files.readAllBytes(in);
        int count = overwrite(bytes, scrub);
        Files.write(out, bytes);
        Strings after;
        try {
            after = read(out);
        } catch (IOException | RuntimeException e) {
            return new Result(count, Optional.of("the scrubbed copy does not parse (" + e.getClass().getSimpleName()
                    + ")"));
        }
        for (String left : after.toScrub()) {
            if (!left.chars().allMatch(c -> c == '*')) {
                return new Result(count, Optional.of("a string was left in it"));
            }
        }
        for (String n : needles) {
            if (n.length() >= CommandLineStrings.MIN_LENGTH && !partOf(n, strings.structure())
                    && indexOf(bytes, n.getBytes(StandardCharsets.ISO_8859_1)) >= 0) {
                return new Result(count, Optional.of("an argument or environment string was left in it"));
            }
        }
        return new Result(count, Optional.empty());
    }

    private static boolean partOf(String needle, Set<String> structure) {
        return structure.stream().anyMatch(s -> s.contains(needle));
    }

    static Strings read(Path recording) throws IOException {
        Set<String> data = new HashSet<>();
        Set<String> structure = new HashSet<>();
        try (RecordingFile f = new RecordingFile(recording)) {
            for (jdk.jfr.EventType t : f.readEventTypes()) {
                structure.add(t.getName());
                addDescribed(t.getLabel(), t.getDescription(), t.getAnnotationElements(), structure);
                for (ValueDescriptor d : t.getFields()) {
                    addMetadata(d, structure, 0);
                }
            }
            while (f.hasMoreEvents()) {
                RecordedEvent e = f.readEvent();
                visit(e, e.getEventType().getName(), data, structure, 0);
            }
        }
        return new Strings(data, structure);
    }

    /**
     * The metadata's strings (type and field names, labels, descriptions, annotation values): a data string equal
     * to one must not be overwritten, or the recording would lose a field's name.
     */
    private static void addMetadata(ValueDescriptor d, Set<String> structure, int depth) {
        structure.add(d.getName());
        structure.add(d.getTypeName());
        addDescribed(d.getLabel(), d.getDescription(), d.getAnnotationElements(), structure);
        if (depth < 8) {
            for (ValueDescriptor f : d.getFields()) {
                addMetadata(f, structure, depth + 1);
            }
        }
    }

    private static void addDescribed(String label, String description, List<jdk.jfr.AnnotationElement> annotations,
                                     Set<String> structure) {
        if (label != null) {
            structure.add(label);
        }
        if (description != null) {
            structure.add(description);
        }
        for (jdk.jfr.AnnotationElement a : annotations) {
            structure.add(a.getTypeName());
            for (Object v : a.getValues()) {
                if (v instanceof String s) {
                    structure.add(s);
                } else if (v instanceof String[] array) {
                    structure.addAll(List.of(array));
                }
            }
        }
    }

    private static void visit(RecordedObject o, String type, Set<String> data, Set<String> structure, int depth) {
        if (depth > 16) {
            return;
        }
        List<ValueDescriptor> fields = o.getFields();
        boolean isStructure = STRUCTURE.contains(type) || (type.startsWith("jdk.types.") && fields.size() == 1
                && fields.get(0).getTypeName().equals("java.lang.String"))
                || (type.startsWith("jdk.GCPhase"));
        for (ValueDescriptor field : fields) {
            Object v = o.getValue(field.getName());
            add(v, field.getTypeName(), isStructure && (!type.startsWith("jdk.GCPhase") || field.getName().equals("name")),
                    data, structure, depth);
        }
    }

    private static void add(Object v, String type, boolean isStructure, Set<String> data, Set<String> structure,
                            int depth) {
        if (v instanceof String s) {
            (isStructure ? structure : data).add(s);
        } else if (v instanceof RecordedObject r) {
            visit(r, type, data, structure, depth + 1);
        } else if (v instanceof Object[] array) {
            for (Object e : array) {
                add(e, type, isStructure, data, structure, depth);
            }
        } else if (v instanceof List<?> list) {
            for (Object e : list) {
                add(e, type, isStructure, data, structure, depth);
            }
        }
    }

    /**
     * Overwrites each string of {@code scrub} where the JFR format stores it in {@code b}; returns how many
     * were overwritten. UTF-8 and Latin-1 contents become {@code *} bytes; a char array's chars become
     * {@code *} as varints of the same byte length (a varint may carry zero continuation bytes).
     */
    static int overwrite(byte[] b, Set<String> scrub) {
        int max = 0;
        for (String s : scrub) {
            max = Math.max(max, s.length() * 3);
        }
        int count = 0;
        for (int i = 0; i + 2 < b.length; i++) {
            int enc = b[i];
            if (enc != 3 && enc != 4 && enc != 5) {
                continue;
            }
            long[] lenAt = varint(b, i + 1);
            if (lenAt == null || lenAt[0] < 1 || lenAt[0] > max) {
                continue;
            }
            int len = (int) lenAt[0];
            int start = (int) lenAt[1];
            if (enc == 4) {
                int[] ends = new int[len];
                StringBuilder sb = new StringBuilder(len);
                int at = start;
                for (int k = 0; k < len; k++) {
                    long[] c = varint(b, at);
                    if (c == null || c[0] > 0xFFFF) {
                        sb = null;
                        break;
                    }
                    sb.append((char) c[0]);
                    at = (int) c[1];
                    ends[k] = at;
                }
                if (sb != null && scrub.contains(sb.toString())) {
                    int from = start;
                    for (int k = 0; k < len; k++) {
                        for (int j = from; j < ends[k]; j++) {
                            b[j] = (byte) (j == ends[k] - 1 ? 0 : 0x80);
                        }
                        b[from] = (byte) (ends[k] - from == 1 ? '*' : ('*' | 0x80));
                        from = ends[k];
                    }
                    count++;
                }
            } else if (start + len <= b.length) {
                String s = new String(b, start, len, enc == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
                if (scrub.contains(s)) {
                    java.util.Arrays.fill(b, start, start + len, (byte) '*');
                    count++;
                }
            }
        }
        return count;
    }

    /** A varint (7 bits a byte, low first) at {@code at}: {value, the offset after it}, or null. */
    static long[] varint(byte[] b, int at) {
        long v = 0;
        for (int k = 0; k < 9 && at + k < b.length; k++) {
            int x = b[at + k] & 0xFF;
            if (k == 8) {
                return new long[] {v | ((long) x << 56), at + k + 1};
            }
            v |= (long) (x & 0x7F) << (7 * k);
            if ((x & 0x80) == 0) {
                return new long[] {v, at + k + 1};
            }
        }
        return null;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
