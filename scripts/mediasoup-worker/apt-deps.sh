#!/usr/bin/env bash
# Install the Debian (bookworm) packages needed to build mediasoup's C++ worker
# offline (see ensure-worker.sh). Idempotent: installs only what is missing and
# enables bookworm-backports (for meson >= 1.1) only when it is needed.
#
# Usage: apt-deps.sh            (must run as root, or with sudo available)
set -euo pipefail

log() { echo "mediasoup worker deps: $*"; }
die() { echo "mediasoup worker deps: ERROR: $*" >&2; exit 1; }

APT_PKGS=(
  pkg-config g++ ninja-build
  libuv1-dev libssl-dev libsrtp2-dev libusrsctp-dev libabsl-dev nlohmann-json3-dev
  flatbuffers-compiler libflatbuffers-dev
)
MESON_MIN=1.1.0
DEB822_SOURCES=/etc/apt/sources.list.d/debian.sources

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || die "not root and sudo is not available"
  SUDO=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive

is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'; }

meson_ok() {
  command -v meson >/dev/null 2>&1 || return 1
  local v
  v=$(meson --version 2>/dev/null) || return 1
  dpkg --compare-versions "$v" ge "$MESON_MIN"
}

APT_UPDATED=0
apt_update_once() {
  if [[ $APT_UPDATED -eq 0 ]]; then
    log "apt-get update"
    "${SUDO[@]}" apt-get update -qq || die "apt-get update failed"
    APT_UPDATED=1
  fi
}

# Add bookworm-backports to the first "Suites:" line that lists "bookworm"
# (the main archive entry) of the deb822 source, unless some apt source already
# provides backports. Never writes a host name anywhere.
enable_backports() {
  if grep -rqsE '(^|[[:space:]])bookworm-backports([[:space:]]|$)' \
      /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null; then
    log "bookworm-backports already enabled"
    return 0
  fi
  [[ -f $DEB822_SOURCES ]] || die "$DEB822_SOURCES not found; enable bookworm-backports by hand"
  grep -qE '^Suites:.*[[:space:]]bookworm([[:space:]]|$)' "$DEB822_SOURCES" \
    || die "no 'Suites: bookworm ...' line in $DEB822_SOURCES; enable bookworm-backports by hand"
  log "enabling bookworm-backports in $DEB822_SOURCES"
  # Only the first matching Suites: line (the bookworm / bookworm-updates one).
  "${SUDO[@]}" sed -i -E '0,/^Suites:.*[[:space:]]bookworm([[:space:]]|$)/ s/^(Suites:.*[^[:space:]])[[:space:]]*$/\1 bookworm-backports/' \
    "$DEB822_SOURCES"
  APT_UPDATED=0
}

missing=()
for p in "${APT_PKGS[@]}"; do is_installed "$p" || missing+=("$p"); done
if [[ ${#missing[@]} -gt 0 ]]; then
  apt_update_once
  log "installing ${missing[*]}"
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || die "apt-get install failed for: ${missing[*]}"
else
  log "build packages already installed"
fi

if meson_ok; then
  log "meson $(meson --version) already installed"
else
  enable_backports
  apt_update_once
  log "installing meson from bookworm-backports"
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends -t bookworm-backports meson \
    || die "apt-get install -t bookworm-backports meson failed"
  meson_ok || die "meson >= $MESON_MIN still not available (got: $(meson --version 2>/dev/null || echo none))"
  log "meson $(meson --version) installed"
fi
