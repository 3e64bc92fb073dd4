#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium for the report tests (ReportCoreIT loads the HTML report in it).
# Does nothing when a chromium is on the PATH already. Needs root (or sudo) and the Debian package mirror.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
as_root=()
if [[ $(id -u) -ne 0 ]]; then
  as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
# apt may be busy with another installer on a shared machine: wait for its lock rather than fail.
"${as_root[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
"${as_root[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium fonts-dejavu-core
command -v chromium
