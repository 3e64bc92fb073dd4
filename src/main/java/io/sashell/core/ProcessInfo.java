package io.sashell.core;

/**
 * NT_PRPSINFO: who the process was. {@code fname} is the command name (at most 15 characters) and
 * {@code psargs} the command line cut at 80 bytes (gcore stores argv[0] only).
 */
public record ProcessInfo(int pid, int ppid, int uid, int gid, String fname, String psargs) {
}
