#!/usr/bin/env bash
# Debian packages the kiosk's tests and tools need on the machine: Chromium for the end-to-end tests
# (Playwright drives Debian's build; it never downloads its own), Firefox ESR for the visitor page's
# Firefox test (driven over WebDriver BiDi by puppeteer-core), and the kiosk OS session's tools for
# its tests: cage, Xwayland and grim for the headless session, socat for the watchdog datagrams,
# systemd for `systemd-analyze verify`. Installs only what is missing.
set -euo pipefail

packages=(chromium firefox-esr libusb-1.0-0 cage xwayland grim socat systemd)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "system packages: missing ${missing[*]}; install them as root (apt-get install ${missing[*]})" >&2
    exit 1
  fi
  sudo=(sudo)
fi
echo "system packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
