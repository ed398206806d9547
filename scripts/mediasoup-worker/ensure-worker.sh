#!/usr/bin/env bash
# Make sure an installed mediasoup package has a working C++ worker binary at
# <pkg>/worker/out/Release/mediasoup-worker (where mediasoup looks by default),
# without network access beyond the npm registry and Debian apt.
#
# Usage: ensure-worker.sh <path to installed mediasoup package dir>
#        e.g. ensure-worker.sh node_modules/mediasoup
#
# Order (first that works wins):
#   1. the package already has a worker that runs        -> nothing to do
#   2. a cached worker for this mediasoup version exists -> copy it in
#   3. mediasoup's own postinstall (prebuilt download only, short timeout)
#   4. offline build from Debian packages: apt deps (apt-deps.sh), meson
#      subproject shims (subprojects/ next to this script) that point each
#      wrap at the Debian library, meson + ninja in a temp dir.
# A worker obtained by 3 or 4 is stored in the cache for the next run.
#
# Environment (all optional):
#   MEDIASOUP_WORKER_CACHE_DIR   cache root (default:
#                                ${XDG_CACHE_HOME:-$HOME/.cache}/visitation-kiosk/mediasoup-worker)
#   MEDIASOUP_PREBUILT_TIMEOUT   seconds allowed for step 3 (default 60)
#   MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD=1  skip step 3
#   MEDIASOUP_WORKER_SKIP_APT=1  don't run apt-deps.sh (tools must already exist)
#   MEDIASOUP_WORKER_JOBS        ninja -j value (default: ninja's own)
#   MEDIASOUP_WORKER_KEEP_BUILD=1 keep the temp build dir
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SHIM_DIR=$SCRIPT_DIR/subprojects

log()  { echo "mediasoup worker: $*"; }
warn() { echo "mediasoup worker: WARNING: $*" >&2; }
die()  { echo "mediasoup worker: ERROR: $*" >&2; exit 1; }

[[ $# -eq 1 ]] || die "usage: $(basename "$0") <path to installed mediasoup package dir>"
[[ -d $1 ]] || die "mediasoup package dir '$1' does not exist (install it first: npm install --ignore-scripts)"
PKG_DIR=$(cd "$1" && pwd)
[[ -f $PKG_DIR/package.json ]] || die "$PKG_DIR has no package.json; not an installed mediasoup package"
command -v node >/dev/null 2>&1 || die "node is not on PATH"

# shellcheck disable=SC2016  # JS template literal, not shell
read -r PKG_NAME VERSION < <(node -e '
  const p = require(process.argv[1]);
  console.log(`${p.name || "?"} ${p.version || "?"}`);' "$PKG_DIR/package.json") \
  || die "cannot read $PKG_DIR/package.json"
[[ $PKG_NAME == mediasoup ]] || die "$PKG_DIR is package '$PKG_NAME', not mediasoup"
[[ $VERSION =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]] || die "unexpected mediasoup version '$VERSION'"

DEST=$PKG_DIR/worker/out/Release/mediasoup-worker
CACHE_ROOT=${MEDIASOUP_WORKER_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/visitation-kiosk/mediasoup-worker}
CACHE_BIN=$CACHE_ROOT/$VERSION/mediasoup-worker

log "mediasoup $VERSION at $PKG_DIR"
if [[ -n ${MEDIASOUP_WORKER_BIN:-} ]]; then
  warn "MEDIASOUP_WORKER_BIN is set ($MEDIASOUP_WORKER_BIN); mediasoup will run that instead of $DEST"
fi

# mediasoup-worker started without MEDIASOUP_VERSION exits with 41 (see
# worker/src/main.cpp); mediasoup's own postinstall uses the same check. Any
# other status means it cannot run here (missing shared libs, wrong arch, ...).
worker_runs() {
  local bin=$1 rc=0
  [[ -f $bin && -x $bin ]] || return 1
  env -i "$bin" </dev/null >/dev/null 2>&1 || rc=$?
  [[ $rc -eq 41 ]]
}

# Atomic copy (temp file + rename) so a half-written binary is never used.
install_bin() {
  local src=$1 dst=$2 tmp
  mkdir -p "$(dirname "$dst")"
  tmp=$(mktemp "$dst.tmp.XXXXXX")
  cp "$src" "$tmp"
  chmod 755 "$tmp"
  mv -f "$tmp" "$dst"
}

store_in_cache() {
  if worker_runs "$CACHE_BIN"; then return 0; fi
  if install_bin "$DEST" "$CACHE_BIN" 2>/dev/null; then
    log "cached at $CACHE_BIN"
  else
    warn "could not write cache $CACHE_BIN (continuing)"
  fi
}

# --- 1. already there -------------------------------------------------------
if worker_runs "$DEST"; then
  log "already present ($DEST)"
  store_in_cache
  exit 0
fi
if [[ -e $DEST ]]; then
  warn "$DEST exists but does not run here; replacing it"
  rm -f "$DEST"
fi

# Serialise concurrent runs on the same machine (they share the cache).
mkdir -p "$CACHE_ROOT" 2>/dev/null || true
if command -v flock >/dev/null 2>&1 && [[ -w $CACHE_ROOT ]]; then
  exec 9>"$CACHE_ROOT/.lock"
  flock 9
fi

# --- 2. cache ---------------------------------------------------------------
if [[ -e $CACHE_BIN ]]; then
  if worker_runs "$CACHE_BIN"; then
    install_bin "$CACHE_BIN" "$DEST"
    worker_runs "$DEST" || die "copied cached worker to $DEST but it does not run"
    log "from cache ($CACHE_BIN)"
    exit 0
  fi
  warn "cached $CACHE_BIN does not run here; discarding it"
  rm -f "$CACHE_BIN"
fi

# --- 3. mediasoup's own postinstall: prebuilt download only -----------------
# MAKE=false turns its "build locally" fallback (make -> pip -> meson ->
# subproject downloads, all unreachable offline) into an immediate failure.
try_prebuilt() {
  local cmd logf rc=0 timeout_s=${MEDIASOUP_PREBUILT_TIMEOUT:-60}
  if [[ -n ${MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD:-} ]]; then
    log "prebuilt download skipped (MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD set)"
    return 1
  fi
  cmd=$(node -e 'const s = require(process.argv[1]).scripts || {}; console.log(s.postinstall || "")' \
        "$PKG_DIR/package.json")
  if [[ -z $cmd ]]; then
    log "package has no postinstall script; skipping prebuilt download"
    return 1
  fi
  logf=$(mktemp "${TMPDIR:-/tmp}/mediasoup-postinstall.XXXXXX.log")
  log "trying mediasoup's postinstall for a prebuilt worker ('$cmd', timeout ${timeout_s}s)"
  (
    cd "$PKG_DIR"
    unset MEDIASOUP_WORKER_BIN MEDIASOUP_LOCAL_DEV MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD
    MAKE=false timeout --kill-after=5 "$timeout_s" sh -c "$cmd"
  ) >"$logf" 2>&1 </dev/null || rc=$?
  rmdir "$PKG_DIR/worker/prebuild" 2>/dev/null || true
  if worker_runs "$DEST"; then
    log "got mediasoup's prebuilt worker"
    rm -f "$logf"
    return 0
  fi
  rm -f "$DEST"
  if [[ $rc -eq 124 || $rc -eq 137 ]]; then
    log "prebuilt download timed out after ${timeout_s}s (log: $logf)"
  else
    log "prebuilt worker not available (exit $rc; log: $logf)"
  fi
  return 1
}

if try_prebuilt; then
  store_in_cache
  exit 0
fi

# --- 4. offline build from Debian packages ----------------------------------
log "falling back to offline build from Debian packages"
[[ -f $PKG_DIR/worker/meson.build ]] || die "$PKG_DIR/worker/meson.build missing: the package has no worker source"
[[ -d $SHIM_DIR ]] || die "subproject shims not found at $SHIM_DIR"

if [[ -n ${MEDIASOUP_WORKER_SKIP_APT:-} ]]; then
  log "apt step skipped (MEDIASOUP_WORKER_SKIP_APT set)"
else
  if ! command -v dpkg >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    die "offline build needs a Debian (bookworm) system with apt/dpkg"
  fi
  log "checking apt build dependencies"
  bash "$SCRIPT_DIR/apt-deps.sh" || die "installing build dependencies failed (scripts/mediasoup-worker/apt-deps.sh)"
fi
for tool in meson ninja pkg-config c++ cc; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found (run scripts/mediasoup-worker/apt-deps.sh)"
done

BUILD_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/mediasoup-worker-build.XXXXXX")
BUILD_OK=0
cleanup() {
  if [[ $BUILD_OK -eq 1 && -z ${MEDIASOUP_WORKER_KEEP_BUILD:-} ]]; then
    rm -rf "$BUILD_ROOT"
  else
    echo "mediasoup worker: build dir kept at $BUILD_ROOT" >&2
  fi
}
trap cleanup EXIT

# Build from a copy so the installed package only ever gains the binary.
SRC=$BUILD_ROOT/worker
BLD=$BUILD_ROOT/build
cp -a "$PKG_DIR/worker" "$SRC"
rm -rf "$SRC/out" "$SRC/prebuild"

# One shim per wrap, placed at the wrap's `directory` so meson uses it as the
# (already "downloaded") subproject and never fetches anything.
shopt -s nullglob
wraps=("$SRC"/subprojects/*.wrap)
[[ ${#wraps[@]} -gt 0 ]] || die "no .wrap files in $PKG_DIR/worker/subprojects"
for wrap in "${wraps[@]}"; do
  name=$(basename "$wrap" .wrap)
  dir=$(sed -nE 's/^[[:space:]]*directory[[:space:]]*=[[:space:]]*([^[:space:]]+)[[:space:]]*$/\1/p' "$wrap" | head -n1)
  dir=${dir:-$name}
  if [[ -d $SHIM_DIR/$name ]]; then
    rm -rf "$SRC/subprojects/$dir"
    cp -a "$SHIM_DIR/$name" "$SRC/subprojects/$dir"
    log "subproject $name -> Debian shim (subprojects/$dir)"
  elif [[ $name == wingetopt ]]; then
    : # Windows only; never configured on Linux.
  else
    die "no Debian shim for subproject '$name' (worker/subprojects/$name.wrap) in $SHIM_DIR; add one there (this script is written for mediasoup 3.12.16, found $VERSION)"
  fi
done
shopt -u nullglob

SETUP_LOG=$BUILD_ROOT/meson-setup.log
BUILD_LOG=$BUILD_ROOT/ninja.log
START=$(date +%s)
log "meson setup (meson $(meson --version), log: $SETUP_LOG)"
if ! meson setup --wrap-mode=nodownload --buildtype=release \
      -Db_ndebug=true -Db_pie=true -Db_staticpic=true \
      "$BLD" "$SRC" >"$SETUP_LOG" 2>&1; then
  tail -n 40 "$SETUP_LOG" >&2
  die "meson setup failed (full log: $SETUP_LOG)"
fi

jobs=()
[[ -n ${MEDIASOUP_WORKER_JOBS:-} ]] && jobs=(-j "$MEDIASOUP_WORKER_JOBS")
log "building with ninja on $(nproc 2>/dev/null || echo '?') cores (about 3-4 min on 2 cores; log: $BUILD_LOG)"
# Full output goes to the log; print a progress line every 20 steps.
if ! ninja -C "$BLD" "${jobs[@]}" mediasoup-worker 2>&1 | tee "$BUILD_LOG" | awk '
    /^\[[0-9]+\/[0-9]+\]/ {
      split(substr($1, 2), a, "/"); sub(/\]$/, "", a[2])
      if (a[1] % 20 == 0 || a[1] == a[2]) { print "mediasoup worker: compiled " a[1] "/" a[2]; fflush() }
    }'; then
  grep -E -B2 -A12 'error|FAILED' "$BUILD_LOG" | tail -n 60 >&2 || tail -n 40 "$BUILD_LOG" >&2
  die "ninja build failed (full log: $BUILD_LOG)"
fi
ELAPSED=$(( $(date +%s) - START ))

BUILT=$BLD/mediasoup-worker
worker_runs "$BUILT" || die "built $BUILT but it does not run (expected exit code 41 without MEDIASOUP_VERSION)"
install_bin "$BUILT" "$DEST"
worker_runs "$DEST" || die "installed $DEST but it does not run"
BUILD_OK=1
log "built in $((ELAPSED / 60))m$((ELAPSED % 60))s (${ELAPSED}s) -> $DEST"
store_in_cache
