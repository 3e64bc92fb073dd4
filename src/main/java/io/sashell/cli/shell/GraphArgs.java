package io.sashell.cli.shell;

import java.io.UncheckedIOException;
import java.util.Locale;

import io.sashell.cli.UserDataException;
import io.sashell.index.HeapIndex;
import io.sashell.sa.RootKind;

/** What the heap graph's commands share: the index of the session, object addresses, root kinds. */
final class GraphArgs {
    private GraphArgs() {
    }

    /** The core's index, read or built now; failures are one line. */
    static HeapIndex index(ShellContext ctx) {
        try {
            return ctx.graph().orElseThrow(() -> new UserDataException("no heap graph index in this session"))
                    .index();
        } catch (IllegalArgumentException e) {
            throw new UserDataException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UserDataException(e.getMessage(), e);
        }
    }

    /** The id of the object at the address typed; an address inside an object names that object. */
    static int object(HeapIndex index, String text) {
        long a = ShellArgs.address(text);
        int id = index.idOf(a);
        if (id >= 0) {
            return id;
        }
        int around = index.containing(a);
        if (around >= 0) {
            throw new UserDataException(String.format("no object starts at 0x%x: it is %d bytes into 0x%x %s",
                    a, a - index.address(around), index.address(around), index.displayName(around)));
        }
        throw new UserDataException(String.format("no object starts at 0x%x (it is in no object of the heap)", a));
    }

    /** A root kind by name ({@code java_local}) or label ({@code "Java Local"}, {@code thread}), any case. */
    static RootKind rootKind(String text) {
        String t = normalize(text);
        for (RootKind k : RootKind.values()) {
            if (normalize(k.name()).equals(t) || normalize(k.label()).equals(t)) {
                return k;
            }
        }
        StringBuilder all = new StringBuilder();
        for (RootKind k : RootKind.values()) {
            all.append(all.length() == 0 ? "" : ", ").append(k.name().toLowerCase(Locale.ROOT));
        }
        throw new UserDataException("--kind must be one of " + all + ", not " + text);
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
    }
}
