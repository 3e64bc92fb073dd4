import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Plants secrets for the redaction tests, every one made at run time (random, or given by the test on the
 * command line and in the environment), in every place a core keeps them: heap Strings (Latin-1 and UTF-16),
 * a char[], a byte[], a StringBuilder, a BigInteger, a direct ByteBuffer, a system property, an environment
 * variable, a program argument, a thread name, a value written to a file, and a primitive instance field.
 * Copies are made and dropped around collections, so that stale copies lie in dead heap space.
 *
 * <p>Arguments: the side file to write, then the argument secret. The test passes {@code -Dredact.prop=...}
 * and the environment variable {@code REDACT_ENV}. The side file has one line per secret:
 * {@code name TAB text TAB value} (look for the value's bytes in Latin-1 where it fits, UTF-8 and UTF-16LE) or
 * {@code name TAB bytes TAB hex} (look for these exact bytes); a third column {@code full} marks secrets only
 * the full level removes. Prints "ready" when all is in place, then idles until the test aborts it. With a
 * third argument {@code --crash-on-oom} it fills the heap instead until it dies of OutOfMemoryError (run with
 * {@code -XX:+CrashOnOutOfMemoryError}: a core, an hs_err log and, with a recording, an emergency JFR dump);
 * {@code --stop-when-full} after it (machines where the core is taken with gcore) prints "ready" and idles.
 */
public class Secrets {
    static final SecureRandom RANDOM = new SecureRandom();
    static final List<Object> LIVE = new ArrayList<>();
    static volatile Object sink;

    static final class Account {
        long pin;
        String owner;
        char[] password;
    }

    public static void main(String[] args) throws Exception {
        Path side = Path.of(args[0]);
        String argument = args[1];
        List<String> lines = new ArrayList<>();

        String latin1 = token(24);
        String utf16 = token(12) + cyrillic(12);
        char[] chars = token(24).toCharArray();
        byte[] bytes = token(24).getBytes(StandardCharsets.US_ASCII);
        StringBuilder builder = new StringBuilder().append(token(24));
        BigInteger big = new BigInteger(1, bytesOf(32)).setBit(255);
        String directText = token(24);
        ByteBuffer direct = ByteBuffer.allocateDirect(4096);
        direct.put(directText.getBytes(StandardCharsets.US_ASCII));
        String property = System.getProperty("redact.prop");
        String runtimeProperty = token(24);
        System.setProperty("redact.runtime", runtimeProperty);
        String environment = System.getenv("REDACT_ENV");
        String threadName = token(24);
        String written = token(24);
        String channelWritten = token(24);
        Account account = new Account();
        account.pin = RANDOM.nextLong() | 0x4000_0000_0000_0000L;
        account.owner = token(24);
        account.password = token(24).toCharArray();

        Thread named = new Thread(Secrets::idle, threadName);
        named.setDaemon(true);
        named.start();
        Path file = side.resolveSibling("written.bin");
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            out.write(written.getBytes(StandardCharsets.US_ASCII));
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(channelWritten.getBytes(StandardCharsets.US_ASCII)));
        }

        // Stale copies: make copies, drop them, collect; then again without a full collection.
        for (int round = 0; round < 2; round++) {
            List<Object> copies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                copies.add(new String(latin1.toCharArray()));
                copies.add(new String(utf16.toCharArray()));
                copies.add(chars.clone());
                copies.add(bytes.clone());
                copies.add(new StringBuilder(builder));
                copies.add(new BigInteger(big.toByteArray()));
                copies.add(account.owner + i);
            }
            sink = copies;
            copies = null;
            sink = null;
            churn(64);
            if (round == 0) {
                System.gc();
            }
        }

        LIVE.add(latin1);
        LIVE.add(utf16);
        LIVE.add(chars);
        LIVE.add(bytes);
        LIVE.add(builder);
        LIVE.add(big);
        LIVE.add(direct);
        LIVE.add(account);
        LIVE.add(big.toByteArray());

        text(lines, "string-latin1", latin1, "");
        text(lines, "string-utf16", utf16, "");
        text(lines, "char-array", new String(chars), "");
        text(lines, "byte-array", new String(bytes, StandardCharsets.US_ASCII), "");
        text(lines, "string-builder", builder.toString(), "");
        lines.add("biginteger-magnitude\tbytes\t" + HexFormat.of().formatHex(magnitudeInMemory(big)));
        lines.add("biginteger-bytes\tbytes\t" + HexFormat.of().formatHex(big.toByteArray()));
        text(lines, "direct-buffer", directText, "");
        text(lines, "system-property", property, "");
        text(lines, "runtime-property", runtimeProperty, "");
        text(lines, "environment", environment, "");
        text(lines, "argument", argument, "");
        text(lines, "thread-name", threadName, "");
        text(lines, "written-stream", written, "");
        text(lines, "written-channel", channelWritten, "");
        text(lines, "field-string", account.owner, "");
        text(lines, "field-chars", new String(account.password), "");
        lines.add("field-long\tbytes\t" + HexFormat.of().formatHex(longBytes(account.pin)) + "\tfull");
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(side, StandardCharsets.UTF_8))) {
            lines.forEach(w::println);
        }
        lines = null;
        churn(16);

        boolean crash = args.length > 2 && args[2].equals("--crash-on-oom");
        if (crash && !(args.length > 3 && args[3].equals("--stop-when-full"))) {
            fillHeap();
        }
        System.out.println("ready");
        System.out.flush();
        idle();
    }

    /** Keeps 1 MB arrays until the heap is full: the last allocation fails and the VM crashes (by its flag). */
    static void fillHeap() {
        List<byte[]> kept = new ArrayList<>();
        LIVE.add(kept);
        while (true) {
            kept.add(new byte[1 << 20]);
        }
    }

    static void text(List<String> lines, String name, String value, String level) {
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("secret " + name + " was not given to the scenario");
        }
        lines.add(name + "\ttext\t" + value + (level.isEmpty() ? "" : "\t" + level));
    }

    /** Random letters and digits. */
    static String token(int length) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** Random Cyrillic letters: they make a String UTF-16. */
    static String cyrillic(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append((char) (0x0410 + RANDOM.nextInt(64)));
        }
        return sb.toString();
    }

    static byte[] bytesOf(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** The magnitude as the heap holds it: big-endian ints, each stored little-endian. */
    static byte[] magnitudeInMemory(BigInteger big) {
        byte[] be = big.toByteArray();
        int start = be[0] == 0 ? 1 : 0;
        int n = be.length - start;
        byte[] out = new byte[n];
        for (int word = 0; word < n / 4; word++) {
            for (int k = 0; k < 4; k++) {
                out[word * 4 + k] = be[start + word * 4 + 3 - k];
            }
        }
        return out;
    }

    static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    /** Allocates and drops about {@code mb} MB, so young collections run. */
    static void churn(int mb) {
        for (int i = 0; i < mb * 16; i++) {
            sink = new byte[64 * 1024];
        }
        sink = null;
    }

    static void idle() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
