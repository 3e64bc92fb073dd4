package io.sashell.cli.shell;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.sashell.cli.UserDataException;

/** Parsing of argument values shared by several commands. */
final class ShellArgs {
    private ShellArgs() {
    }

    static long address(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("0x")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            if (t.matches("[0-9]+")) {
                return Long.parseUnsignedLong(t);
            }
            if (t.matches("[0-9a-f]+")) {
                return Long.parseUnsignedLong(t, 16);
            }
        } catch (NumberFormatException e) {
            // fall through to the one-line error
        }
        throw new UserDataException("not an address: " + text + " (use hex like 0x7f3a0000)");
    }

    static <E extends Enum<E>> E choice(String option, String value, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        throw new UserDataException(option + " must be one of " + allowed + ", not " + value);
    }
}
