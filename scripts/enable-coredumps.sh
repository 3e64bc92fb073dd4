#!/usr/bin/env bash
# enable-coredumps.sh - would a crash of a HotSpot JVM on this machine leave a core file? If not, why, and the fix.
# Part of sa-shell. Run with --help.
set -u
set -o pipefail

PROG=${0##*/}
SYSCTL_FILE=/etc/sysctl.d/60-sa-shell-coredump.conf
STATE_DIR=/var/lib/sa-shell
STATE_FILE=$STATE_DIR/enable-coredumps.state
DROPIN_NAME=60-sa-shell-coredump.conf
DEFAULT_DIR=/var/crash
CORE_PATTERN_FILE=/proc/sys/kernel/core_pattern
# Where --check reads the kernel's other settings and systemd-coredump's configuration (below --root DIR).
PROC_SYS=/proc/sys
CONF_ROOT=''
UNIT_DIR=/etc/systemd/system
ROOT=''
SUDO='sudo '
(( EUID == 0 )) && SUDO=''

usage() {
    cat <<EOF
Usage: $PROG [--check] [PID]
       $PROG --enable [--dir DIR] [--pid PID] [--dry-run] [--root DIR]
       $PROG --disable [--dry-run] [--root DIR]

Finds out whether a crash of a HotSpot JVM would leave a core file (for sa-shell), and fixes it.

  --check [PID]  Default. Changes nothing, any user. Checks the core size limits of this shell or of
                 the running process PID, kernel.core_pattern (file, path or pipe handler, and how to
                 get the core out of it), core_uses_pid, suid_dumpable, the process's coredump_filter,
                 the LimitCORE of its systemd unit, systemd-coredump's size limits, ptrace_scope (gcore),
                 containers, free space where the core lands, and the JVM flags
                 -XX:+CrashOnOutOfMemoryError and -XX:StartFlightRecording.
                 Without PID it lists the Java processes that could be checked and checks this shell.
  --enable       Root. Sets kernel.core_pattern to DIR/core.%e.%p.%t ($SYSCTL_FILE,
                 applied with sysctl -p). With --pid also raises the process's core limit now
                 (prlimit) and adds LimitCORE=infinity to its systemd unit (applies at its next restart).
  --dir DIR      Where cores go (default $DEFAULT_DIR; created with mode 1777 when missing).
  --pid PID      The JVM to prepare.
  --disable      Root. Undoes exactly what --enable did (recorded in $STATE_FILE)
                 and restores the previous kernel.core_pattern.
  --dry-run      Print the changes --enable/--disable would make, make none.
  --root DIR     Write below DIR instead of / (DIR/etc/sysctl.d, DIR/var/lib/sa-shell, DIR/etc/systemd/system)
                 and take DIR/proc/sys/kernel/core_pattern (a file) for the kernel's: nothing of the machine
                 changes but the core limit of a --pid process. Needs no root. For tests and rehearsals.
                 With --check: read the kernel's settings from DIR/proc/sys (core_pattern, core_uses_pid,
                 fs/suid_dumpable, kernel/yama/ptrace_scope) and systemd-coredump's configuration from
                 DIR/etc/systemd, DIR/run/systemd and DIR/usr/lib/systemd (SA_SHELL_SYSTEMD_VERSION=N
                 stands for the installed systemd's version).
  -h, --help     This text.

Check lines start with OK, WARN or FAIL (followed by a "fix:" line with a command), INFO or HINT;
change lines with DONE (or WOULD with --dry-run) and an "undo:" line.
Exit status: --check: 0 a crash would leave a core, 1 it would not (see the FAIL lines);
             --enable/--disable: 0 done, 1 not root or a change failed; 2 usage error.
EOF
}

# ---------------------------------------------------------------- output
NFAIL=0
NWARN=0
ok()   { printf 'OK   %s\n' "$*"; }
warn() { printf 'WARN %s\n' "$*"; NWARN=$((NWARN + 1)); }
fail() { printf 'FAIL %s\n' "$*"; NFAIL=$((NFAIL + 1)); }
info() { printf 'INFO %s\n' "$*"; }
hint() { printf 'HINT %s\n' "$*"; }
fix()  { printf '     fix: %s\n' "$*"; }
note() { printf '     %s\n' "$*"; }
usage_error() { printf '%s: %s (see --help)\n' "$PROG" "$*" >&2; exit 2; }

# ---------------------------------------------------------------- small helpers
is_uint() { [[ $1 =~ ^[0-9]+$ ]]; }

human() { # bytes -> 1.5G
    awk -v b="$1" 'BEGIN { split("B K M G T P E", u, " "); i = 1
        while (b >= 1024 && i < 7) { b /= 1024; i++ }
        if (i == 1) printf "%dB\n", b; else printf "%.1f%s\n", b, u[i] }'
}

fmt_limit() { # unlimited | bytes
    if [[ $1 == unlimited || $1 == infinity ]]; then echo unlimited
    elif [[ $1 == 0 ]]; then echo 0
    elif is_uint "$1"; then human "$1"
    else echo "$1"; fi
}

limit_ge() { # LIMIT BYTES: is the limit (a number, unlimited or infinity) at least BYTES?
    [[ $1 == unlimited || $1 == infinity ]] && return 0
    is_uint "$1" || return 1
    (( $1 >= $2 ))
}

parse_size() { # systemd size (2G, 512M, 1.5G, 1024, infinity) -> bytes or infinity
    awk -v v="$1" 'BEGIN { gsub(/[ \t]/, "", v)
        if (v == "infinity") { print v; exit }
        u = substr(v, length(v)); if (u == "B") { v = substr(v, 1, length(v) - 1); u = substr(v, length(v)) }
        m = index("KMGTPE", u); n = v + 0; if (m) n = n * (1024 ^ m); printf "%.0f\n", n }'
}

min_size() { # two sizes (bytes or infinity) -> the smaller
    if [[ $1 == infinity ]]; then echo "$2"
    elif [[ $2 == infinity ]]; then echo "$1"
    elif (( $1 <= $2 )); then echo "$1"
    else echo "$2"; fi
}

core_limits_of() { # limits file -> "soft hard" of the core size (bytes or unlimited)
    awk '/^Max core file size/ { print $5, $6; exit }' "$1" 2>/dev/null
}

fsize_soft_of() { awk '/^Max file size/ { print $4; exit }' "$1" 2>/dev/null; }

status_field() { # PID FIELD [INDEX] -> value of "FIELD:" in /proc/PID/status
    awk -v k="$2:" -v i="${3:-2}" '$1 == k { print $i; exit }' "/proc/$1/status" 2>/dev/null
}

status_kb() { # PID FIELD -> bytes of a "kB" line
    awk -v k="$2:" '$1 == k { printf "%.0f\n", $2 * 1024; exit }' "/proc/$1/status" 2>/dev/null
}

start_time_of() { # PID -> field 22 of /proc/PID/stat (guards against PID reuse)
    local s f
    s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    s=${s##*) }
    read -ra f <<<"$s"
    echo "${f[19]}"
}

cmdline_of() { # PID -> command line with spaces, cut
    local c
    c=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null)
    c=${c% }
    (( ${#c} > 110 )) && c="${c:0:107}..."
    printf '%s\n' "$c"
}

is_java_pid() { # comm "java", or argv[0] or the executable named java
    local comm exe argv0
    comm=$(cat "/proc/$1/comm" 2>/dev/null) || return 1
    [[ $comm == java ]] && return 0
    exe=$(readlink "/proc/$1/exe" 2>/dev/null)
    [[ ${exe##*/} == java ]] && return 0
    argv0=$(tr '\0' '\n' <"/proc/$1/cmdline" 2>/dev/null | head -n 1)
    [[ ${argv0##*/} == java ]]
}

free_bytes() { df -P -k -- "$1" 2>/dev/null | awk 'NR == 2 { printf "%.0f\n", $4 * 1024 }'; }

systemd_running() { [[ -d /run/systemd/system ]]; }

pid1_name() { cat /proc/1/comm 2>/dev/null || echo '?'; }

container_reason() { # prints why this looks like a container, or nothing
    if [[ -e /.dockerenv ]]; then echo "/.dockerenv exists"; return; fi
    if [[ -e /run/.containerenv ]]; then echo "/run/.containerenv exists (podman)"; return; fi
    local c
    c=$(tr '\0' '\n' </proc/1/environ 2>/dev/null | sed -n 's/^container=//p' | head -n 1)
    if [[ -n $c ]]; then echo "container=$c in the environment of PID 1"; return; fi
    if grep -qE '(docker|kubepods|containerd|libpod|lxc|crio)' /proc/1/cgroup 2>/dev/null; then
        echo "the cgroup of PID 1 names a container runtime"; return
    fi
}

unit_of() { # PID -> "UNIT system|user", nothing when the process is in no unit
    local cg unit='' kind=system seen_user=0 comp
    local -a comps
    cg=$(awk -F: '$1 == "0" { print $3; exit }' "/proc/$1/cgroup" 2>/dev/null)
    if [[ -z $cg || $cg == / ]]; then
        cg=$(awk -F: '$2 == "name=systemd" { print $3; exit }' "/proc/$1/cgroup" 2>/dev/null)
    fi
    IFS=/ read -ra comps <<<"$cg"
    for comp in "${comps[@]}"; do
        case $comp in
            user@*.service) seen_user=1; unit=$comp; kind=system ;;
            *.service | *.scope)
                unit=$comp
                if (( seen_user )); then kind=user; else kind=system; fi ;;
        esac
    done
    [[ -n $unit ]] && printf '%s %s\n' "$unit" "$kind"
    return 0
}

can_write_as() { # DIR UID GID "GROUPS": could a process with these credentials create a file in DIR?
    local d=$1 uid=$2 gid=$3 groups=$4 ou og mode g
    [[ -d $d ]] || return 1
    if (( EUID == uid )); then [[ -w $d && -x $d ]]; return; fi
    if (( EUID == 0 )) && [[ ! -w $d ]]; then return 1; fi # read-only file system
    [[ $uid == 0 ]] && return 0
    read -r ou og mode < <(stat -L -c '%u %g %a' -- "$d" 2>/dev/null) || return 1
    mode=$((8#$mode))
    if [[ $uid == "$ou" ]]; then (( (mode & 8#300) == 8#300 )); return; fi
    for g in $gid $groups; do
        if [[ $g == "$og" ]]; then (( (mode & 8#030) == 8#030 )); return; fi
    done
    (( (mode & 8#003) == 8#003 ))
}

expand_pattern() { # PATTERN PID COMM UID GID EXE -> the file name the kernel would make (roughly)
    local p=$1 out='' c i
    for ((i = 0; i < ${#p}; i++)); do
        c=${p:i:1}
        if [[ $c == % ]] && (( i + 1 < ${#p} )); then
            i=$((i + 1))
            c=${p:i:1}
            case $c in
                %) out+=% ;;
                p | P | i | I) out+=$2 ;;
                e) out+=$3 ;;
                u) out+=$4 ;;
                g) out+=$5 ;;
                E) out+=${6//\//!} ;;
                f) out+=${6##*/} ;;
                h) out+=$(uname -n) ;;
                t) out+='<time>' ;;
                s) out+='<signal>' ;;
                c) out+='<limit>' ;;
                d) out+='<dumpmode>' ;;
                *) out+="%$c" ;;
            esac
        else
            out+=$c
        fi
    done
    printf '%s\n' "$out"
}

# kernel.core_pattern: PAT, PAT_KIND (empty|pipe|file), HANDLER, HANDLER_PATH, PAT_DIR (file: its directory part)
read_pattern() {
    PAT=$(cat "$CORE_PATTERN_FILE" 2>/dev/null || sysctl -n kernel.core_pattern 2>/dev/null)
    HANDLER='' HANDLER_PATH='' PAT_DIR=''
    if [[ -z $PAT ]]; then
        PAT_KIND=empty
    elif [[ $PAT == '|'* ]]; then
        PAT_KIND=pipe
        HANDLER_PATH=${PAT#|}
        HANDLER_PATH=${HANDLER_PATH%% *}
        case ${HANDLER_PATH##*/} in
            systemd-coredump) HANDLER=systemd-coredump ;;
            apport) HANDLER=apport ;;
            abrt-hook-ccpp | abrt*) HANDLER=abrt ;;
            false | true) HANDLER=discard ;;
            *) HANDLER=other ;;
        esac
    else
        PAT_KIND='file'
        if [[ $PAT == */* ]]; then PAT_DIR=${PAT%/*}; PAT_DIR=${PAT_DIR:-/}; else PAT_DIR=.; fi
    fi
}

# systemd-coredump's configuration: CD_STORAGE CD_PROCESS_MAX CD_EXTERNAL_MAX CD_JOURNAL_MAX (bytes or infinity)
read_coredump_conf() {
    local ver main='' f d b
    local -a files=()
    # SA_SHELL_SYSTEMD_VERSION stands for systemctl --version in tests (with --root).
    ver=${SA_SHELL_SYSTEMD_VERSION:-$(systemctl --version 2>/dev/null | awk 'NR == 1 { print $2 + 0 }')}
    SYSTEMD_VERSION=${ver:-0}
    if (( SYSTEMD_VERSION >= 251 )); then CD_DEFAULT_MAX=$((32 * 1024 * 1024 * 1024)); else CD_DEFAULT_MAX=$((2 * 1024 * 1024 * 1024)); fi
    for f in /etc/systemd/coredump.conf /run/systemd/coredump.conf /usr/local/lib/systemd/coredump.conf /usr/lib/systemd/coredump.conf; do
        f=$CONF_ROOT$f
        if [[ -f $f ]]; then main=$f; break; fi
    done
    [[ -n $main ]] && files+=("$main")
    # drop-ins: sorted by file name; of equal names the one in /etc wins over /run over /usr
    local -A pick=()
    for d in /usr/lib/systemd/coredump.conf.d /usr/local/lib/systemd/coredump.conf.d /run/systemd/coredump.conf.d /etc/systemd/coredump.conf.d; do
        for f in "$CONF_ROOT$d"/*.conf; do
            [[ -f $f ]] || continue
            pick[${f##*/}]=$f
        done
    done
    if (( ${#pick[@]} )); then
        while IFS= read -r b; do files+=("${pick[$b]}"); done < <(printf '%s\n' "${!pick[@]}" | LC_ALL=C sort)
    fi
    CD_FILES=${files[*]:-}
    local out
    out=$(awk 'FNR == 1 { sec = "" }
        /^[ \t]*[#;]/ { next }
        /^[ \t]*\[/ { sec = $0; gsub(/[][ \t]/, "", sec); next }
        sec == "Coredump" && index($0, "=") { k = substr($0, 1, index($0, "=") - 1); v = substr($0, index($0, "=") + 1)
            gsub(/[ \t]/, "", k); gsub(/^[ \t]+|[ \t]+$/, "", v); val[k] = v }
        END { printf "%s|%s|%s|%s\n", val["Storage"], val["ProcessSizeMax"], val["ExternalSizeMax"], val["JournalSizeMax"] }' \
        ${files[@]+"${files[@]}"} </dev/null)
    local s p e j
    IFS='|' read -r s p e j <<<"$out"
    CD_STORAGE=${s:-external}
    if [[ -n $p ]]; then CD_PROCESS_MAX=$(parse_size "$p"); else CD_PROCESS_MAX=$CD_DEFAULT_MAX; fi
    if [[ -n $e ]]; then CD_EXTERNAL_MAX=$(parse_size "$e"); else CD_EXTERNAL_MAX=$CD_DEFAULT_MAX; fi
    if [[ -n $j ]]; then CD_JOURNAL_MAX=$(parse_size "$j"); else CD_JOURNAL_MAX=$((767 * 1024 * 1024)); fi
}

# ---------------------------------------------------------------- JVM options of a process
# JVM_OPTS: the options in the order HotSpot applies them (JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS,
# the launcher's options up to the main class, _JAVA_OPTIONS); ENV_READABLE; ARGFILE_UNREAD
collect_jvm_opts() {
    local pid=$1 e a f line n i
    local -a argv=() env=() jto=() jjo=() jo=() launcher=() t=()
    JVM_OPTS=()
    ENV_READABLE=0
    ARGFILE_UNREAD=''
    mapfile -d '' -t argv 2>/dev/null <"/proc/$pid/cmdline"
    if cat "/proc/$pid/environ" >/dev/null 2>&1; then
        ENV_READABLE=1
        mapfile -d '' -t env <"/proc/$pid/environ"
    fi
    for e in ${env[@]+"${env[@]}"}; do
        case $e in
            JAVA_TOOL_OPTIONS=*) read -ra jto <<<"${e#*=}" ;;
            JDK_JAVA_OPTIONS=*) read -ra jjo <<<"${e#*=}" ;;
            _JAVA_OPTIONS=*) read -ra jo <<<"${e#*=}" ;;
        esac
    done
    n=${#argv[@]}
    i=1
    while (( i < n )); do
        a=${argv[i]}
        case $a in
            -jar | -m | --module) break ;;
            --module=*) break ;;
            -cp | -classpath | --class-path | -p | --module-path | --upgrade-module-path | --add-modules | \
                --add-exports | --add-opens | --add-reads | --patch-module | --limit-modules | \
                --enable-native-access | --source | --describe-module | -d)
                launcher+=("$a" "${argv[i + 1]-}")
                i=$((i + 2))
                continue ;;
            @*)
                f=${a#@}
                [[ $f == /* ]] || f=/proc/$pid/cwd/$f
                if [[ -r $f ]]; then
                    while IFS= read -r line || [[ -n $line ]]; do
                        [[ $line =~ ^[[:space:]]*# ]] && continue
                        read -ra t <<<"$line"
                        launcher+=(${t[@]+"${t[@]}"})
                    done <"$f"
                else
                    ARGFILE_UNREAD+=" $a"
                fi ;;
            -*) launcher+=("$a") ;;
            *) break ;;
        esac
        i=$((i + 1))
    done
    JVM_OPTS=(${jto[@]+"${jto[@]}"} ${jjo[@]+"${jjo[@]}"} ${launcher[@]+"${launcher[@]}"} ${jo[@]+"${jo[@]}"})
}

flag_last() { # NAME -> + or - from the last -XX:[+-]NAME, nothing when absent
    local o r=''
    for o in ${JVM_OPTS[@]+"${JVM_OPTS[@]}"}; do
        case $o in
            "-XX:+$1") r=+ ;;
            "-XX:-$1") r=- ;;
        esac
    done
    printf '%s\n' "$r"
}

opt_last_prefix() { # PREFIX -> the last option starting with it
    local o r=''
    for o in ${JVM_OPTS[@]+"${JVM_OPTS[@]}"}; do
        [[ $o == "$1"* ]] && r=$o
    done
    printf '%s\n' "$r"
}

# ---------------------------------------------------------------- --check
filter_names() { # FILTER -> names of the set bits
    local f=$1 out='' i
    local -a names=(anon-private anon-shared file-private file-shared elf-headers private-huge shared-huge private-dax shared-dax)
    for i in "${!names[@]}"; do
        (( (f >> i) & 1 )) && out+="${names[i]} "
    done
    printf '%s\n' "${out% }"
}

list_java_processes() {
    local me p pid uid user n=0
    me=$(id -u)
    for p in /proc/[0-9]*; do
        pid=${p#/proc/}
        [[ $pid == "$$" ]] && continue
        is_java_pid "$pid" || continue
        uid=$(status_field "$pid" Uid)
        [[ -n $uid ]] || continue
        (( me == 0 )) || [[ $uid == "$me" ]] || continue
        user=$(id -nu "$uid" 2>/dev/null || echo "$uid")
        if (( n == 0 )); then
            if (( me == 0 )); then info "Java processes (all users, you are root):"; else info "Java processes of $(id -un):"; fi
        fi
        note "$pid  $user  $(cmdline_of "$pid")"
        n=$((n + 1))
    done
    if (( n )); then
        info "check one of them with: $PROG --check PID   (below: this shell only)"
    else
        info "no Java process of $(id -un) is running: checking this shell (what a JVM started from it would get)"
    fi
}

check_pattern() { # uses PAT*, PID, P_* ; sets LAND_DIR (as seen from here), LAND_DESC
    LAND_DIR='' LAND_DESC=''
    case $PAT_KIND in
        empty)
            fail "kernel.core_pattern is empty: no core file is written"
            fix "${SUDO}$PROG --enable --dir $DEFAULT_DIR   (sets $DEFAULT_DIR/core.%e.%p.%t)" ;;
        file)
            if [[ $PAT == /* ]]; then
                ok "kernel.core_pattern = '$PAT': an absolute path, cores go to $PAT_DIR"
            elif [[ $PAT == */* ]]; then
                warn "kernel.core_pattern = '$PAT': a relative path, resolved in the working directory of the crashing process (a service often runs in / and cannot write there)"
                fix "${SUDO}$PROG --enable --dir $DEFAULT_DIR   (an absolute path: $DEFAULT_DIR/core.%e.%p.%t)"
            else
                warn "kernel.core_pattern = '$PAT': a plain file name, written to the working directory of the crashing process (a service often runs in / and cannot write there)"
                fix "${SUDO}$PROG --enable --dir $DEFAULT_DIR   (an absolute path: $DEFAULT_DIR/core.%e.%p.%t)"
            fi
            if [[ $PAT == *%p* || $PAT == *%P* ]]; then
                ok "kernel.core_pattern contains %p: one core per process"
            elif [[ $CORE_USES_PID == 1 ]]; then
                ok "kernel.core_uses_pid = 1: the kernel appends .PID to the core's name"
            else
                warn "kernel.core_uses_pid = 0 and no %p in the pattern: the next crash in the same directory replaces the core"
                fix "${SUDO}sysctl -w kernel.core_uses_pid=1   (or: ${SUDO}$PROG --enable, whose pattern has %p)"
            fi ;;
        pipe)
            info "kernel.core_uses_pid = $CORE_USES_PID (not used when cores go to a pipe)"
            case $HANDLER in
                systemd-coredump)
                    ok "kernel.core_pattern pipes cores to systemd-coredump ($HANDLER_PATH): they are kept in /var/lib/systemd/coredump (compressed)"
                    note "get one back: coredumpctl list java; coredumpctl dump PID -o core.PID   (or: coredumpctl debug PID)"
                    LAND_DIR=/var/lib/systemd/coredump
                    LAND_DESC="systemd-coredump's store /var/lib/systemd/coredump" ;;
                apport)
                    warn "kernel.core_pattern pipes cores to apport ($HANDLER_PATH): it reports only crashes of programs installed from a package (a JDK from a tarball is ignored)"
                    note "get one back: apport-unpack /var/crash/<program>.crash DIR; the core is DIR/CoreDump (newer apport also keeps cores in /var/lib/apport/coredump)"
                    fix "${SUDO}$PROG --enable --dir $DEFAULT_DIR   (a plain file pattern; also: ${SUDO}systemctl disable --now apport)"
                    LAND_DIR=/var/crash
                    LAND_DESC="apport's /var/crash" ;;
                abrt)
                    warn "kernel.core_pattern pipes cores to ABRT ($HANDLER_PATH): by default it ignores programs not installed from a package"
                    note "get one back: abrt-cli list (or: abrt list); the core is the 'coredump' file in the problem directory under /var/spool/abrt"
                    fix "${SUDO}$PROG --enable --dir $DEFAULT_DIR   (a plain file pattern; also: ${SUDO}systemctl disable --now abrt-ccpp)"
                    LAND_DIR=/var/spool/abrt
                    LAND_DESC="ABRT's /var/spool/abrt" ;;
                discard)
                    fail "kernel.core_pattern = '$PAT': cores are piped to ${HANDLER_PATH##*/} and thrown away"
                    fix "${SUDO}$PROG --enable --dir $DEFAULT_DIR" ;;
                *)
                    warn "kernel.core_pattern pipes cores to $HANDLER_PATH, a handler this script does not know: find out where it keeps them"
                    note "pattern: '$PAT'"
                    fix "${SUDO}$PROG --enable --dir $DEFAULT_DIR   (a plain file pattern)" ;;
            esac
            if [[ -n $CONTAINER ]]; then
                warn "in a container ($CONTAINER): the pipe handler runs on the host, so the core lands on the host (run coredumpctl and friends there)"
            fi ;;
    esac
}

check_pid_location() { # where a core of PID lands (file patterns): existence, permission, free space
    local rel=$1 base shown acc uid gid groups
    uid=$(status_field "$PID" Uid 5)
    gid=$(status_field "$PID" Gid 5)
    groups=$(awk '$1 == "Groups:" { $1 = ""; print; exit }' "/proc/$PID/status" 2>/dev/null)
    if [[ $PAT_DIR == *%* ]]; then
        info "the directory part of the pattern ('$PAT_DIR') has % specifiers: not checked"
        return
    fi
    if [[ $PAT_DIR == /* ]]; then
        shown=$PAT_DIR
        if [[ -d /proc/$PID/root/ ]]; then acc=/proc/$PID/root$PAT_DIR; else acc=$PAT_DIR; fi
    else
        base=$(readlink "/proc/$PID/cwd" 2>/dev/null)
        if [[ -z $base ]]; then
            warn "cannot read the working directory of PID $PID (run as root or as its user): where its core would land is unknown"
            return
        fi
        if [[ $PAT_DIR == . ]]; then shown=$base; acc=/proc/$PID/cwd; else shown=$base/$PAT_DIR; acc=/proc/$PID/cwd/$PAT_DIR; fi
    fi
    LAND_DIR=$acc
    LAND_DESC=$shown
    if [[ ! -d $acc ]]; then
        fail "the core directory $shown does not exist (the kernel does not create it)"
        fix "${SUDO}mkdir -p -m 1777 $shown"
        return
    fi
    if can_write_as "$acc" "$uid" "$gid" "$groups"; then
        ok "the core directory $shown is writable by PID $PID (uid $uid)"
    else
        fail "the core directory $shown is not writable by PID $PID (uid $uid), or is on a read-only file system"
        if [[ $rel == 1 ]]; then
            fix "${SUDO}$PROG --enable --dir $DEFAULT_DIR   (an absolute, writable directory)"
        else
            fix "${SUDO}chmod 1777 $shown   (or: ${SUDO}$PROG --enable --dir DIR)"
        fi
    fi
}

check_space() { # DIR (as seen from here) DESCRIPTION
    local free
    free=$(free_bytes "$1")
    if [[ -z $free ]]; then info "free space in $2: unknown"; return; fi
    if [[ -z $PID || -z $P_RSS ]]; then
        info "free space in $2: $(human "$free")"
        return
    fi
    if (( free < P_RSS )); then
        fail "free space in $2: $(human "$free"), less than the resident size of PID $PID ($(human "$P_RSS")): the core would be cut short"
        fix "free space there, or: ${SUDO}$PROG --enable --dir DIR   (DIR on a file system with room)"
    elif [[ -n $P_VSZ ]] && (( free < P_VSZ )); then
        warn "free space in $2: $(human "$free"), above the resident size $(human "$P_RSS") of PID $PID but below its virtual size $(human "$P_VSZ") (the upper bound; a kernel core is usually near the resident size)"
    else
        ok "free space in $2: $(human "$free") (PID $PID: resident $(human "$P_RSS"), virtual $(human "${P_VSZ:-0}"))"
    fi
}

check_pid_limit() {
    local soft=$P_SOFT hard=$P_HARD what
    what="core limit of PID $PID: soft $(fmt_limit "$P_SOFT"), hard $(fmt_limit "$P_HARD")"
    local cmd="prlimit --pid $PID --core=unlimited:unlimited"
    if [[ $hard == 0 ]]; then
        cmd="${SUDO}$cmd   (root only: the hard limit is 0)"
    elif [[ $hard != unlimited ]]; then
        cmd="${SUDO}$cmd   (as its user without root, up to the hard limit: prlimit --pid $PID --core=$hard:$hard)"
    fi
    if [[ $soft == 0 ]]; then
        fail "$what: a crash leaves no core"
        if [[ $PAT_KIND == pipe ]]; then note "(the kernel runs a pipe handler whatever the limit, but systemd-coredump and apport honour it)"; fi
        fix "$cmd"
        note "for the next start: ulimit -c unlimited before java, or LimitCORE=infinity in its systemd unit (${SUDO}$PROG --enable --pid $PID does both)"
    elif [[ $soft == unlimited ]]; then
        ok "$what"
    elif [[ -n $P_RSS ]] && ! limit_ge "$soft" "$P_RSS"; then
        fail "$what: below the resident size $(human "$P_RSS"), the core would be cut short"
        fix "$cmd"
    elif [[ -n $P_VSZ ]] && ! limit_ge "$soft" "$P_VSZ"; then
        warn "$what: below the virtual size $(human "$P_VSZ"), the core may be cut short"
        fix "$cmd"
    else
        ok "$what"
    fi
}

check_shell_limit() {
    local soft hard what
    read -r soft hard <<<"$(core_limits_of "/proc/$$/limits")"
    what="core limit of this shell: soft $(fmt_limit "$soft"), hard $(fmt_limit "$hard")"
    if [[ -n $PID ]]; then
        info "$what (what a JVM started from here would get)"
        return
    fi
    if [[ $soft == 0 ]]; then
        fail "$what: a JVM started from this shell leaves no core"
        if [[ $hard == unlimited ]]; then
            fix "ulimit -c unlimited   (in this shell, then start java from it)"
        else
            fix "ulimit -c $((hard / 1024))   (the hard limit, in KiB; above it needs root: /etc/security/limits.d/, or LimitCORE= for services)"
        fi
    elif [[ $soft != unlimited ]]; then
        warn "$what: cores larger than that are cut short"
        if [[ $hard == unlimited ]]; then fix "ulimit -c unlimited"; else fix "ulimit -c $((hard / 1024))   (the hard limit, in KiB)"; fi
    else
        ok "$what"
    fi
}

check_suid() {
    local v=$SUID_DUMPABLE owner uid
    case $v in
        0) ok "fs.suid_dumpable = 0: processes that changed credentials (setuid, file capabilities) leave no core; a JVM normally does not" ;;
        1) ok "fs.suid_dumpable = 1: every process may dump, even setuid ones (insecure: cores of privileged processes are readable by their user)" ;;
        2) ok "fs.suid_dumpable = 2: processes that changed credentials dump as root, only to an absolute path or a pipe" ;;
        *) info "fs.suid_dumpable = $v" ;;
    esac
    [[ -n $PID ]] || return 0
    uid=$(status_field "$PID" Uid)
    owner=$(stat -c %u "/proc/$PID" 2>/dev/null)
    if [[ -n $uid && $uid != 0 && $owner == 0 ]]; then
        # the kernel gives /proc/PID of a non-dumpable process to root
        if [[ $v == 0 ]] || { [[ $v == 2 ]] && [[ $PAT_KIND == file && $PAT != /* ]]; }; then
            fail "PID $PID (uid $uid) is not dumpable (/proc/$PID belongs to root: it changed credentials or its java has file capabilities): no core"
            fix "${SUDO}setcap -r $(readlink "/proc/$PID/exe" 2>/dev/null || echo '<java>') if it has capabilities, or: ${SUDO}sysctl -w fs.suid_dumpable=2 with an absolute kernel.core_pattern"
        else
            ok "PID $PID is not dumpable as its user, but fs.suid_dumpable = $v lets the kernel dump it"
        fi
    fi
}

check_filter() {
    local raw f want ziz large
    if [[ -z $PID ]]; then
        raw=$(cat "/proc/$$/coredump_filter" 2>/dev/null) || return 0
        info "coredump_filter of this shell: $(printf '0x%x' $((16#$raw))) (inherited by children; HotSpot adds file-private and file-shared, 0x33 -> 0x3f)"
        return
    fi
    if ! raw=$(cat "/proc/$PID/coredump_filter" 2>/dev/null); then
        info "coredump_filter of PID $PID: not readable"
        return
    fi
    f=$((16#$raw))
    raw=$(printf '%x' "$f")
    want=$((f | 0x3f))
    ziz=$(flag_last UseZGC)
    large=$(flag_last UseLargePages)
    local set
    set=$(filter_names "$f")
    local fixcmd
    fixcmd="echo 0x$(printf '%x' "$want") > /proc/$PID/coredump_filter   (as root or its user; takes effect at once)"
    local bad=0
    if (( ! (f & 1) )); then
        fail "coredump_filter of PID $PID is 0x$raw ($set): bit 0 (anonymous private memory) is off, the core would miss the Java heap"
        fix "$fixcmd"; bad=1
    fi
    if (( ! (f & 2) )); then
        if [[ $ziz == + ]]; then
            fail "coredump_filter of PID $PID is 0x$raw: bit 1 (anonymous shared memory) is off, and ZGC keeps the heap there"
        else
            warn "coredump_filter of PID $PID is 0x$raw: bit 1 (anonymous shared memory) is off"
        fi
        fix "$fixcmd"; bad=1
    fi
    if (( IS_JAVA )) && (( (f & 12) != 12 )); then
        warn "coredump_filter of PID $PID is 0x$raw: bits 2 and 3 (file-backed mappings) are not both on, so libjvm.so and the CDS archive are not in the core: the analysis needs the identical JDK files (HotSpot sets them unless -XX:-DumpPrivateMappingsInCore / -XX:-DumpSharedMappingsInCore)"
        fix "$fixcmd"; bad=1
    fi
    if (( ! (f & 16) )); then
        warn "coredump_filter of PID $PID is 0x$raw: bit 4 (ELF headers) is off, the core has no build-ids to match libraries with"
        fix "$fixcmd"; bad=1
    fi
    if [[ $large == + ]] && (( ! (f & 32) )); then
        warn "coredump_filter of PID $PID is 0x$raw: bit 5 (private huge pages) is off, and the JVM runs with -XX:+UseLargePages"
        fix "echo 0x$(printf '%x' $((want | 0x20))) > /proc/$PID/coredump_filter"; bad=1
    fi
    if (( ! bad )); then
        ok "coredump_filter of PID $PID is 0x$raw ($set)"
    fi
}

check_unit() {
    local unit='' kind='' props soft hard owner
    if ! systemd_running; then
        info "systemd is not running here (PID 1 is '$(pid1_name)'): no unit limits to check"
        return
    fi
    read -r unit kind <<<"$(unit_of "$PID")"
    if [[ -z $unit ]]; then
        info "PID $PID is in no systemd unit ($(head -n 1 "/proc/$PID/cgroup" 2>/dev/null))"
        return
    fi
    if [[ $unit == *.scope ]]; then
        info "PID $PID runs in $unit (a scope: a login session or a container), not a service: its core limit came from the shell or tool that started it (ulimit -c, /etc/security/limits.d/)"
        return
    fi
    if [[ $kind == user ]]; then
        owner=$(id -nu "$(status_field "$PID" Uid)" 2>/dev/null)
        props=$(systemctl --user -M "$owner@" show -p LimitCORE -p LimitCORESoft "$unit" 2>/dev/null)
    else
        props=$(systemctl show -p LimitCORE -p LimitCORESoft "$unit" 2>/dev/null)
    fi
    hard=$(sed -n 's/^LimitCORE=//p' <<<"$props")
    soft=$(sed -n 's/^LimitCORESoft=//p' <<<"$props")
    soft=${soft:-$hard}
    if [[ -z $soft ]]; then
        info "PID $PID runs in the $kind unit $unit; its LimitCORE could not be read"
        return
    fi
    if [[ $soft == infinity ]]; then
        ok "$kind unit $unit: LimitCORE=infinity, cores stay enabled after a restart"
    else
        warn "$kind unit $unit: LimitCORESoft=$(fmt_limit "$soft") (LimitCORE=$(fmt_limit "$hard")): after its next restart the JVM gets this core limit again"
        if [[ $kind == user ]]; then
            fix "systemctl --user edit $unit   (as $owner; add: [Service] LimitCORE=infinity), then systemctl --user restart $unit"
        else
            fix "${SUDO}$PROG --enable --pid $PID   (or: ${SUDO}systemctl edit $unit, add [Service] LimitCORE=infinity), then: ${SUDO}systemctl restart $unit"
        fi
    fi
}

check_coredump_conf() {
    local max where
    read_coredump_conf
    case $CD_STORAGE in
        none)
            fail "systemd-coredump: Storage=none, it logs the crash and keeps no core${CD_FILES:+ ($CD_FILES)}"
            fix "${SUDO}mkdir -p /etc/systemd/coredump.conf.d && printf '[Coredump]\\nStorage=external\\n' | ${SUDO}tee /etc/systemd/coredump.conf.d/60-sa-shell.conf"
            return ;;
        journal) max=$(min_size "$CD_PROCESS_MAX" "$CD_JOURNAL_MAX"); where="the journal (JournalSizeMax=$(fmt_limit "$CD_JOURNAL_MAX"))" ;;
        *) max=$(min_size "$CD_PROCESS_MAX" "$CD_EXTERNAL_MAX"); where="/var/lib/systemd/coredump (ExternalSizeMax=$(fmt_limit "$CD_EXTERNAL_MAX"))" ;;
    esac
    local what
    what="systemd-coredump (systemd $SYSTEMD_VERSION): Storage=$CD_STORAGE, ProcessSizeMax=$(fmt_limit "$CD_PROCESS_MAX"), cores go to $where"
    local fixcmd="${SUDO}mkdir -p /etc/systemd/coredump.conf.d && printf '[Coredump]\\nStorage=external\\nProcessSizeMax=64G\\nExternalSizeMax=64G\\n' | ${SUDO}tee /etc/systemd/coredump.conf.d/60-sa-shell.conf"
    if [[ $max == 0 ]]; then
        fail "$what: ProcessSizeMax=0 keeps no core"
        fix "$fixcmd"
    elif [[ -n $PID && -n $P_RSS ]] && ! limit_ge "$max" "$P_RSS"; then
        fail "$what: the core of PID $PID (at least its resident size $(human "$P_RSS")) is above $(fmt_limit "$max") and would be cut or dropped"
        fix "$fixcmd"
    elif [[ -n $PID && -n $P_VSZ ]] && ! limit_ge "$max" "$P_VSZ"; then
        warn "$what: a core above $(fmt_limit "$max") is cut or dropped; PID $PID is resident $(human "$P_RSS"), virtual $(human "$P_VSZ")"
        fix "$fixcmd"
    elif [[ -z $PID ]] && ! limit_ge "$max" $((2 * 1024 * 1024 * 1024 + 1)); then
        warn "$what: a core above $(fmt_limit "$max") is cut or dropped (2G was the default before systemd 251; JVM cores are often bigger)"
        fix "$fixcmd"
    else
        ok "$what"
    fi
}

check_ptrace() {
    local scope caps=0
    if command -v gcore >/dev/null 2>&1; then :; else info "gcore is not installed (package gdb): no core of a live process"; fi
    if [[ ! -r $PROC_SYS/kernel/yama/ptrace_scope ]]; then
        ok "no Yama ptrace restriction: gcore works as root or as the process's user"
        return
    fi
    scope=$(cat "$PROC_SYS/kernel/yama/ptrace_scope")
    local eff
    eff=$(status_field self CapEff)
    [[ -n $eff ]] && caps=$(( (16#$eff >> 19) & 1 )) # CAP_SYS_PTRACE
    case $scope in
        0) ok "kernel.yama.ptrace_scope = 0: gcore works as root or as the process's user" ;;
        1)
            if (( caps )); then
                ok "kernel.yama.ptrace_scope = 1: gcore works here (CAP_SYS_PTRACE); as a plain user only on its own child processes"
            else
                warn "kernel.yama.ptrace_scope = 1: gcore as a plain user works only on its own child processes, not on a running JVM"
                fix "${SUDO}gcore -o FILE PID   (or: ${SUDO}sysctl -w kernel.yama.ptrace_scope=0)"
            fi ;;
        2)
            if (( caps )); then
                ok "kernel.yama.ptrace_scope = 2: only CAP_SYS_PTRACE may use gcore; this shell has it"
            else
                warn "kernel.yama.ptrace_scope = 2: only root with CAP_SYS_PTRACE may use gcore"
                fix "${SUDO}gcore -o FILE PID"
            fi ;;
        3) warn "kernel.yama.ptrace_scope = 3: ptrace is off until reboot, gcore cannot take a core of a live JVM" ;;
        *) info "kernel.yama.ptrace_scope = $scope" ;;
    esac
}

check_jvm_flags() {
    local crash exitoom cdc jfr hd oome
    collect_jvm_opts "$PID"
    crash=$(flag_last CrashOnOutOfMemoryError)
    exitoom=$(flag_last ExitOnOutOfMemoryError)
    cdc=$(flag_last CreateCoredumpOnCrash)
    jfr=$(opt_last_prefix -XX:StartFlightRecording)
    hd=$(flag_last HeapDumpOnOutOfMemoryError)
    oome=$(opt_last_prefix -XX:OnOutOfMemoryError=)
    local src="/proc/$PID/cmdline"
    (( ENV_READABLE )) && src+=", JAVA_TOOL_OPTIONS/JDK_JAVA_OPTIONS/_JAVA_OPTIONS"
    if [[ $cdc == - ]]; then
        fail "-XX:-CreateCoredumpOnCrash: HotSpot exits without a core on a crash"
        fix "remove -XX:-CreateCoredumpOnCrash from the java command and restart it"
    fi
    if [[ $crash == + ]]; then
        ok "-XX:+CrashOnOutOfMemoryError: an OutOfMemoryError aborts the JVM with a core and hs_err_pid$PID.log"
    else
        if [[ $exitoom == + ]]; then
            warn "-XX:+ExitOnOutOfMemoryError without -XX:+CrashOnOutOfMemoryError: an OutOfMemoryError exits the JVM and leaves no core (read: $src)"
        elif [[ $crash == - ]]; then
            warn "-XX:-CrashOnOutOfMemoryError: an OutOfMemoryError leaves no core (read: $src)"
        else
            warn "no -XX:+CrashOnOutOfMemoryError: an OutOfMemoryError leaves no core, the JVM goes on or exits without one (read: $src)"
        fi
        fix "add -XX:+CrashOnOutOfMemoryError to the java command (or to JAVA_TOOL_OPTIONS) and restart it"
        (( ENV_READABLE )) || note "(/proc/$PID/environ is not readable: JAVA_TOOL_OPTIONS and JDK_JAVA_OPTIONS were not checked; run as root or as its user)"
    fi
    [[ -n $ARGFILE_UNREAD ]] && note "(argument files not readable, not checked:$ARGFILE_UNREAD)"
    [[ $hd == + ]] && info "-XX:+HeapDumpOnOutOfMemoryError: an OutOfMemoryError also writes an .hprof heap dump"
    [[ -n $oome ]] && info "$oome runs a command on OutOfMemoryError"
    if [[ -n $jfr ]]; then
        ok "JFR recording: $jfr (a crash also writes hs_err_pid$PID.jfr)"
    else
        info "no JFR recording (-XX:StartFlightRecording): optional, gives the last minutes of events next to the core"
    fi
}

do_check() {
    local me_container
    CONTAINER=$(container_reason)
    read_pattern
    CORE_USES_PID=$(cat "$PROC_SYS/kernel/core_uses_pid" 2>/dev/null || echo '?')
    SUID_DUMPABLE=$(cat "$PROC_SYS/fs/suid_dumpable" 2>/dev/null || echo '?')
    IS_JAVA=0
    P_RSS='' P_VSZ='' P_SOFT='' P_HARD=''
    if [[ -n $PID ]]; then
        local comm user uid exe
        comm=$(cat "/proc/$PID/comm" 2>/dev/null)
        uid=$(status_field "$PID" Uid)
        user=$(id -nu "$uid" 2>/dev/null || echo "$uid")
        is_java_pid "$PID" && IS_JAVA=1
        echo "== sa-shell: would a crash of PID $PID ($comm, user $user) leave a core?"
        note "$(cmdline_of "$PID")"
        P_RSS=$(status_kb "$PID" VmRSS)
        P_VSZ=$(status_kb "$PID" VmSize)
        read -r P_SOFT P_HARD <<<"$(core_limits_of "/proc/$PID/limits")"
        if (( ! IS_JAVA )); then warn "PID $PID does not look like a JVM (comm '$comm'): the JVM flag checks are skipped"; fi
        exe=$(readlink "/proc/$PID/exe" 2>/dev/null)
        if (( IS_JAVA )) && [[ -n $exe ]]; then
            info "JDK: ${exe%/bin/java} (analyse the core with this same JDK build)"
        fi
    else
        echo "== sa-shell: would a crash of a JVM started from this shell leave a core?"
        list_java_processes
    fi
    if [[ -n $CONTAINER ]]; then
        info "this runs in a container ($CONTAINER): kernel.core_pattern is the host's; a file pattern is resolved in the crashing process's own file system, a pipe handler runs on the host"
    fi
    if [[ -n $PID && -d /proc/$PID/root/ ]]; then
        me_container=$(stat -L -c %d:%i / 2>/dev/null)
        if [[ $(stat -L -c %d:%i "/proc/$PID/root/" 2>/dev/null) != "$me_container" ]]; then
            info "PID $PID sees another root file system (a container or chroot): its paths are checked through /proc/$PID/root"
        fi
    fi

    # limits
    check_shell_limit
    if [[ -n $PID ]]; then
        check_pid_limit
        if [[ $PAT_KIND == file ]]; then
            local fs
            fs=$(fsize_soft_of "/proc/$PID/limits")
            if [[ -n $fs && $fs != unlimited && -n $P_RSS ]] && ! limit_ge "$fs" "$P_RSS"; then
                fail "file size limit of PID $PID is $(fmt_limit "$fs"), below its resident size: the core would be cut short"
                fix "prlimit --pid $PID --fsize=unlimited"
            fi
        fi
        check_unit
    fi

    # pattern and where the core lands
    check_pattern
    if [[ $PAT_KIND == file ]]; then
        if [[ -n $PID ]]; then
            local rel=0
            [[ $PAT == /* ]] || rel=1
            check_pid_location "$rel"
            local uid_p gid_p name
            uid_p=$(status_field "$PID" Uid)
            gid_p=$(status_field "$PID" Gid)
            name=$(expand_pattern "$PAT" "$PID" "$(cat "/proc/$PID/comm" 2>/dev/null)" "$uid_p" "$gid_p" "$(readlink "/proc/$PID/exe" 2>/dev/null)")
            if [[ $CORE_USES_PID == 1 && $PAT != *%p* ]]; then name+=".$PID"; fi
            if [[ $name != /* ]]; then
                local cwd
                cwd=$(readlink "/proc/$PID/cwd" 2>/dev/null)
                if [[ -n $cwd ]]; then name="$cwd/$name"; else name="$name in its working directory"; fi
            fi
            CORE_NAME=$name
        else
            if [[ $PAT_DIR == /* ]]; then
                LAND_DIR=$PAT_DIR LAND_DESC=$PAT_DIR
                if [[ ! -d $PAT_DIR ]]; then
                    fail "the core directory $PAT_DIR does not exist (the kernel does not create it)"
                    fix "${SUDO}mkdir -p -m 1777 $PAT_DIR"
                    LAND_DIR=''
                fi
            else
                LAND_DIR=$PWD LAND_DESC="this shell's directory $PWD"
            fi
        fi
    fi
    [[ $PAT_KIND == pipe && $HANDLER == systemd-coredump ]] && check_coredump_conf
    if [[ -n $LAND_DIR && -d $LAND_DIR ]]; then check_space "$LAND_DIR" "$LAND_DESC"; fi

    check_suid
    check_filter
    check_ptrace
    (( IS_JAVA )) && check_jvm_flags

    local target="PID ${PID:-}"
    [[ -n $PID ]] || target="a JVM started from this shell"
    if (( NFAIL )); then
        if [[ -n $PID ]]; then
            echo "RESULT a crash of $target would NOT leave a usable core: fix the FAIL lines above (${SUDO}$PROG --enable --pid $PID does most of it)"
        else
            echo "RESULT a crash of $target would NOT leave a usable core: fix the FAIL lines above"
        fi
    elif [[ -n ${CORE_NAME:-} ]]; then
        echo "RESULT a crash of $target would leave a core: $CORE_NAME"
    else
        echo "RESULT a crash of $target would leave a core${LAND_DESC:+ (in $LAND_DESC)}"
    fi
    hint "a core of the live JVM without killing it: gcore -o /var/tmp/core ${PID:-PID}   (writes /var/tmp/core.${PID:-PID}; needs ptrace permission; the JVM stops while it is written; much bigger than a kernel core)"
    hint "JVM flags: -XX:+CrashOnOutOfMemoryError (an OutOfMemoryError then aborts with a core and hs_err_pid<pid>.log), optionally -XX:StartFlightRecording:dumponexit=true,filename=/var/tmp/jvm.jfr"
    (( NFAIL )) && return 1
    return 0
}

# ---------------------------------------------------------------- --enable / --disable
# act DESCRIPTION UNDO COMMAND...: print the change (and ACT_CONTENT, a file's new text) and its undo;
# run it unless --dry-run
ACT_CONTENT=''
act() {
    local desc=$1 undo=$2 out
    shift 2
    local content=$ACT_CONTENT
    ACT_CONTENT=''
    if (( DRY )); then
        printf 'WOULD %s\n' "$desc"
        [[ -n $content ]] && show_content "$content"
        [[ -n $undo ]] && printf '      undo: %s\n' "$undo"
        return 0
    fi
    if out=$("$@" 2>&1); then
        printf 'DONE %s\n' "$desc"
        [[ -n $content ]] && show_content "$content"
        [[ -n $undo ]] && printf '     undo: %s\n' "$undo"
        return 0
    fi
    printf 'FAIL %s: %s\n' "$desc" "$(head -n 1 <<<"$out")"
    NFAIL=$((NFAIL + 1))
    return 1
}

# shellcheck disable=SC2317 # called through act
write_file() { # PATH CONTENT
    local tmp
    tmp=$(mktemp "$1.XXXXXX") || return 1
    printf '%s' "$2" >"$tmp" && chmod 0644 "$tmp" && mv -f -- "$tmp" "$1"
}

# shellcheck disable=SC2317 # called through act
write_dropin() { # DIR FILE CONTENT
    mkdir -p -- "$1" && write_file "$2" "$3"
}

show_content() { local l; while IFS= read -r l; do printf '       | %s\n' "$l"; done <<<"${1%$'\n'}"; }

state_add() { # KIND FIELDS... (tab separated)
    (( DRY )) && return 0
    if [[ ! -f $STATE_FILE ]]; then
        [[ -d $STATE_DIR ]] || mkdir -m 0700 -- "$STATE_DIR" || return 1
        (umask 077 && printf '# sa-shell %s: what --enable changed; --disable undoes it\n' "$PROG" >"$STATE_FILE") || return 1
    fi
    chmod 0600 "$STATE_FILE"
    local IFS=$'\t'
    printf '%s\n' "$*" >>"$STATE_FILE"
}

state_has() { # KIND [FIRST FIELD]
    [[ -f $STATE_FILE ]] || return 1
    awk -F'\t' -v k="$1" -v a="${2-}" '$1 == k && (a == "" || $2 == a) { f = 1 } END { exit !f }' "$STATE_FILE"
}

need_root() { # what
    if (( !DRY && EUID != 0 )) && [[ -z $ROOT ]]; then
        printf '%s: %s needs root (it changes kernel.core_pattern, %s and systemd units): run it with sudo, or add --dry-run\n' "$PROG" "$1" "$SYSCTL_FILE" >&2
        exit 1
    fi
}

later_pattern_files() { # sysctl files applied after ours that also set kernel.core_pattern
    local d f
    for d in /etc/sysctl.d /run/sysctl.d /usr/local/lib/sysctl.d /usr/lib/sysctl.d /lib/sysctl.d; do
        for f in "$ROOT$d"/*.conf; do
            [[ -f $f && ${f##*/} > ${SYSCTL_FILE##*/} ]] || continue
            grep -qE '^[[:space:]]*kernel[./]core_pattern[[:space:]]*=' "$f" 2>/dev/null && printf '%s\n' "$f"
        done
    done
    if [[ -f $ROOT/etc/sysctl.conf ]] && grep -qE '^[[:space:]]*kernel[./]core_pattern[[:space:]]*=' "$ROOT/etc/sysctl.conf"; then
        echo "$ROOT/etc/sysctl.conf"
    fi
}

# The kernel's side of a change; with --root, the file DIR/proc/sys/kernel/core_pattern stands for the kernel.
# shellcheck disable=SC2317 # called through act
apply_sysctl_file() { # FILE
    if [[ -z $ROOT ]]; then sysctl -p "$1"; return; fi
    set_core_pattern "$(sed -n 's/^[[:space:]]*kernel\.core_pattern[[:space:]]*=[[:space:]]*//p' "$1" | tail -n 1)"
}

# shellcheck disable=SC2317 # called through act
set_core_pattern() { # PATTERN
    if [[ -z $ROOT ]]; then sysctl -w "kernel.core_pattern=$1"; return; fi
    printf '%s\n' "$1" >"$CORE_PATTERN_FILE"
}

# shellcheck disable=SC2317 # called through act
daemon_reload() {
    [[ -n $ROOT ]] || systemctl daemon-reload
}

do_enable() {
    [[ -n $DIR ]] || DIR=$DEFAULT_DIR
    [[ $DIR == / ]] || DIR=${DIR%/}
    [[ $DIR == /* ]] || usage_error "--dir needs an absolute path: $DIR"
    [[ $DIR =~ [[:space:]%|] ]] && usage_error "--dir must not hold blanks, % or |: $DIR"
    local pattern="$DIR/core.%e.%p.%t"
    (( ${#pattern} <= 127 )) || usage_error "--dir is too long: kernel.core_pattern holds 127 characters"
    need_root --enable
    local cur container
    cur=$(cat "$CORE_PATTERN_FILE")
    container=$(container_reason)
    (( DRY )) && echo "DRY RUN: nothing below is changed"
    [[ -n $container && -z $ROOT ]] && warn "in a container ($container): kernel.core_pattern belongs to the host, this changes it for the host and all its containers (and fails when /proc/sys is read-only)"

    # 1. the directory
    if [[ -d $DIR ]]; then
        info "$DIR exists ($(stat -c '%A %U:%G' "$DIR")): kept as it is"
        if [[ -n $PID ]] && ! can_write_as "$DIR" "$(status_field "$PID" Uid 5)" "$(status_field "$PID" Gid 5)" \
            "$(awk '$1 == "Groups:" { $1 = ""; print; exit }' "/proc/$PID/status")"; then
            warn "PID $PID (uid $(status_field "$PID" Uid 5)) cannot write to $DIR"
            fix "${SUDO}chmod 1777 $DIR"
        fi
    else
        act "mkdir -p -m 1777 $DIR   (any user's process may write its core there; cores are created mode 0600)" \
            "rmdir $DIR   (when empty)" mkdir -p -m 1777 "$DIR" && state_add dir "$DIR"
    fi

    # 2. the sysctl drop-in and 3. applying it
    local content
    content="# Written by sa-shell $PROG on $(date '+%F %T'); undo with: $PROG --disable
kernel.core_pattern = $pattern
"
    if ! state_has sysctl_file; then
        if [[ -e $SYSCTL_FILE ]]; then
            local backup="$STATE_DIR/${SYSCTL_FILE##*/}.orig"
            (( DRY )) || { { [[ -d $STATE_DIR ]] || mkdir -m 0700 -- "$STATE_DIR"; } && cp -p -- "$SYSCTL_FILE" "$backup"; }
            state_add sysctl_file "$SYSCTL_FILE" "$backup"
        else
            state_add sysctl_file "$SYSCTL_FILE" -
        fi
    fi
    ACT_CONTENT=$content
    if act "write $SYSCTL_FILE:" "rm $SYSCTL_FILE" write_file "$SYSCTL_FILE" "$content"; then
        if act "sysctl -p $SYSCTL_FILE   (kernel.core_pattern was '$cur')" "sysctl -w 'kernel.core_pattern=$cur'" \
            apply_sysctl_file "$SYSCTL_FILE"; then
            state_has pattern || state_add pattern "$cur"
        fi
    fi
    local f
    while IFS= read -r f; do
        [[ -n $f ]] || continue
        warn "$f also sets kernel.core_pattern and is applied after $SYSCTL_FILE at boot"
        fix "comment out kernel.core_pattern in $f"
    done < <(later_pattern_files)
    if [[ $cur == '|'*apport* ]]; then
        warn "apport sets kernel.core_pattern again when it starts"
        fix "${SUDO}systemctl disable --now apport"
    elif [[ $cur == '|'*abrt* ]]; then
        warn "ABRT sets kernel.core_pattern again when it starts"
        fix "${SUDO}systemctl disable --now abrt-ccpp"
    fi

    # 4. the running process
    if [[ -n $PID ]]; then
        local soft hard start
        read -r soft hard <<<"$(core_limits_of "/proc/$PID/limits")"
        start=$(start_time_of "$PID")
        if [[ $soft == unlimited && $hard == unlimited ]]; then
            info "PID $PID: core limit already unlimited"
        elif act "prlimit --pid $PID --core=unlimited:unlimited   (was $soft:$hard)" \
            "prlimit --pid $PID --core=$soft:$hard" prlimit --pid "$PID" --core=unlimited:unlimited; then
            state_has prlimit "$PID" || state_add prlimit "$PID" "$start" "$soft" "$hard"
        elif [[ $hard != unlimited ]]; then
            note "raising the hard limit ($(fmt_limit "$hard")) needs CAP_SYS_RESOURCE, which containers usually drop; the soft limit can go up to the hard one: prlimit --pid $PID --core=$hard:$hard"
        fi
        # 5. its systemd unit
        local unit='' kind=''
        read -r unit kind <<<"$(unit_of "$PID")"
        if ! systemd_running; then
            info "systemd is not running here (PID 1 is '$(pid1_name)'): no unit drop-in; start the JVM after 'ulimit -c unlimited' next time"
        elif [[ -z $unit ]]; then
            info "PID $PID is in no systemd unit: start it after 'ulimit -c unlimited' next time"
        elif [[ $unit == *.scope ]]; then
            info "PID $PID runs in $unit (a session or container scope): its next start needs 'ulimit -c unlimited' in the shell that starts it, or /etc/security/limits.d/"
        elif [[ $kind == user ]]; then
            info "PID $PID runs in the user unit $unit: as its user run: systemctl --user edit $unit (add [Service] LimitCORE=infinity), then systemctl --user restart $unit"
        else
            local ddir="$UNIT_DIR/$unit.d" made=0
            local dfile="$ddir/$DROPIN_NAME"
            local dcontent="# Written by sa-shell $PROG; undo with: $PROG --disable
[Service]
LimitCORE=infinity
"
            [[ -d $ddir ]] || made=1
            ACT_CONTENT=$dcontent
            if act "write $dfile:" "rm $dfile && systemctl daemon-reload" \
                write_dropin "$ddir" "$dfile" "$dcontent"; then
                state_has dropin "$unit" || state_add dropin "$unit" "$dfile" "$made"
                act "systemctl daemon-reload" "" daemon_reload
                info "restart needed: LimitCORE applies at the next start of $unit (${SUDO}systemctl restart $unit); the running process already has its limit from prlimit"
            fi
        fi
    else
        info "no --pid: running JVMs keep their core limit; raise one with: ${SUDO}$PROG --enable --pid PID"
    fi
    (( DRY )) || info "undo all of it: ${SUDO}$PROG --disable   (state: $STATE_FILE)"
    info "then check: $PROG --check${PID:+ $PID}"
    hint "JVM flags: -XX:+CrashOnOutOfMemoryError (an OutOfMemoryError then aborts with a core and hs_err_pid<pid>.log), optionally -XX:StartFlightRecording:dumponexit=true,filename=/var/tmp/jvm.jfr"
    hint "a core of the live JVM without killing it: gcore -o $DIR/core ${PID:-PID}   (needs ptrace permission; the JVM stops while it is written)"
    (( NFAIL )) && return 1
    return 0
}

do_disable() {
    need_root --disable
    if [[ ! -f $STATE_FILE ]]; then
        info "nothing to undo: $STATE_FILE does not exist (--enable was not run, or --disable already was)"
        if [[ -e $SYSCTL_FILE ]]; then
            warn "$SYSCTL_FILE exists without a record of what it replaced"
            fix "${SUDO}rm $SYSCTL_FILE && ${SUDO}sysctl --system"
        fi
        return 0
    fi
    (( DRY )) && echo "DRY RUN: nothing below is changed"
    local -a recs=()
    local line
    while IFS= read -r line; do
        [[ -z $line || $line == '#'* ]] && continue
        recs+=("$line")
    done <"$STATE_FILE"
    local i kind a b c d reload=0 ours cur n
    for ((i = ${#recs[@]} - 1; i >= 0; i--)); do
        IFS=$'\t' read -r kind a b c d <<<"${recs[i]}"
        case $kind in
            dropin) # unit file made_dir
                act "rm $b" "" rm -f -- "$b" && reload=1
                if [[ $c == 1 ]]; then act "rmdir ${b%/*}   (when empty)" "" rmdir --ignore-fail-on-non-empty -- "${b%/*}"; fi
                info "restart needed: ${SUDO}systemctl restart $a (its LimitCORE returns to the unit's own value at the next start)" ;;
            prlimit) # pid start soft hard
                if [[ -d /proc/$a && $(start_time_of "$a") == "$b" ]]; then
                    act "prlimit --pid $a --core=$c:$d   (back to the limit before --enable)" "" prlimit --pid "$a" --core="$c:$d"
                else
                    info "PID $a has exited: its core limit needs no undo"
                fi ;;
            pattern) # previous pattern (the rest of the line)
                ours=$(sed -n 's/^[[:space:]]*kernel\.core_pattern[[:space:]]*=[[:space:]]*//p' "$SYSCTL_FILE" 2>/dev/null | tail -n 1)
                cur=$(cat "$CORE_PATTERN_FILE")
                if [[ -n $ours && $cur != "$ours" ]]; then
                    warn "kernel.core_pattern changed since --enable (now '$cur', not '$ours'): left as it is; before --enable it was '$a'"
                    fix "${SUDO}sysctl -w 'kernel.core_pattern=$a'"
                else
                    act "sysctl -w 'kernel.core_pattern=$a'   (the pattern before --enable)" "" set_core_pattern "$a"
                fi ;;
            sysctl_file) # path backup|-
                if [[ $b != - && -f $b ]]; then
                    act "restore $a from $b" "" mv -f -- "$b" "$a"
                else
                    act "rm $a" "" rm -f -- "$a"
                fi ;;
            dir)
                if [[ ! -d $a ]]; then
                    :
                elif [[ -z $(ls -A -- "$a" 2>/dev/null) ]]; then
                    act "rmdir $a" "" rmdir -- "$a"
                else
                    n=$(find "$a" -mindepth 1 -maxdepth 1 | wc -l)
                    info "$a kept: it holds $n file(s) (cores?)"
                fi ;;
            *) warn "unknown record in $STATE_FILE: ${recs[i]}" ;;
        esac
    done
    (( reload )) && act "systemctl daemon-reload" "" daemon_reload
    if (( NFAIL )); then
        info "$STATE_FILE kept (some changes could not be undone)"
        return 1
    fi
    act "rm $STATE_FILE" "" rm -f -- "$STATE_FILE"
    (( DRY )) || rmdir --ignore-fail-on-non-empty -- "$STATE_DIR" 2>/dev/null
    return 0
}

# ---------------------------------------------------------------- main
MODE=''
PID=''
DIR=''
DRY=0
set_mode() {
    if [[ -n $MODE && $MODE != "$1" ]]; then usage_error "--$MODE and --$1 exclude each other"; fi
    MODE=$1
}
set_pid() {
    [[ $1 =~ ^[1-9][0-9]*$ ]] || usage_error "not a process id: '$1'"
    [[ -z $PID || $PID == "$1" ]] || usage_error "more than one PID given"
    PID=$1
}
while (( $# )); do
    case $1 in
        -h | --help) usage; exit 0 ;;
        --check) set_mode check ;;
        --enable) set_mode enable ;;
        --disable) set_mode disable ;;
        --dry-run | -n) DRY=1 ;;
        --dir)
            (( $# >= 2 )) || usage_error "--dir needs a directory"
            DIR=$2; shift ;;
        --dir=*) DIR=${1#--dir=} ;;
        --pid)
            (( $# >= 2 )) || usage_error "--pid needs a process id"
            set_pid "$2"; shift ;;
        --pid=*) set_pid "${1#--pid=}" ;;
        --root)
            (( $# >= 2 )) || usage_error "--root needs a directory"
            ROOT=$2; shift ;;
        --root=*) ROOT=${1#--root=} ;;
        -*) usage_error "unknown option: $1" ;;
        *) set_pid "$1" ;;
    esac
    shift
done
MODE=${MODE:-check}
[[ -n $DIR && $MODE != enable ]] && usage_error "--dir goes with --enable"
[[ -n $PID && $MODE == disable ]] && usage_error "--disable takes no PID: it undoes what --enable recorded"
if [[ -n $PID && ! -d /proc/$PID ]]; then usage_error "no process with PID $PID"; fi
if [[ -n $ROOT ]]; then
    [[ $ROOT == /* && -d $ROOT ]] || usage_error "--root needs an existing absolute directory: $ROOT"
    ROOT=${ROOT%/}
    SYSCTL_FILE=$ROOT$SYSCTL_FILE
    STATE_DIR=$ROOT$STATE_DIR
    STATE_FILE=$STATE_DIR/enable-coredumps.state
    CORE_PATTERN_FILE=$ROOT$CORE_PATTERN_FILE
    PROC_SYS=$ROOT$PROC_SYS
    CONF_ROOT=$ROOT
    UNIT_DIR=$ROOT$UNIT_DIR
    DEFAULT_DIR=$ROOT$DEFAULT_DIR
    [[ -f $CORE_PATTERN_FILE ]] || usage_error "--root $ROOT needs the file $CORE_PATTERN_FILE (the core pattern to change)"
    [[ $MODE == enable ]] && ! (( DRY )) && mkdir -p -- "${SYSCTL_FILE%/*}" "$ROOT/var/lib"
fi

case $MODE in
    check) do_check ;;
    enable) do_enable ;;
    disable) do_disable ;;
esac
exit $?
