package io.sashell.sa;

/** Turns SA's exceptions, whose messages are often empty or multi-line, into one readable line. */
final class SaErrors {
    private SaErrors() {
    }

    static String oneLine(Throwable e) {
        Throwable t = e;
        String msg = null;
        while (t != null) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                msg = t.getMessage();
            }
            if (t.getCause() == null || t.getCause() == t) {
                break;
            }
            t = t.getCause();
        }
        if (msg == null) {
            msg = e.getClass().getSimpleName();
        }
        return msg.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
