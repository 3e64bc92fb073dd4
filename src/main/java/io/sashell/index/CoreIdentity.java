package io.sashell.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

import io.sashell.core.ElfCore;

/**
 * What tells one core from another without reading it all: its size, its modification time and a digest of
 * its notes (threads' registers, process id and arguments, mapped files). An index is used only for the core
 * whose identity it records.
 */
public record CoreIdentity(long size, long mtimeMillis, String notesDigest) {

    public CoreIdentity {
        Objects.requireNonNull(notesDigest, "notesDigest");
    }

    /** The identity of an opened core. Cost: one stat of the file (the digest was taken when it opened). */
    public static CoreIdentity of(ElfCore core) {
        try {
            Path p = core.path();
            return new CoreIdentity(Files.size(p), Files.getLastModifiedTime(p).toMillis(), core.notesDigest());
        } catch (IOException e) {
            throw new UncheckedIOException(core.path() + ": cannot read the file's size and time", e);
        }
    }

    /** A short key naming this core's index file: 16 hex digits of a SHA-256 of the identity. */
    public String key() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] d = sha.digest((size + ":" + mtimeMillis + ":" + notesDigest).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
