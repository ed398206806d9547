#!/usr/bin/env bash
# Run by `npm install` (postinstall): what the machine needs beyond node_modules. Both steps are
# idempotent and fast once done; the mediasoup worker comes from a cache outside the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-packages.sh
bash scripts/mediasoup-worker/ensure-worker.sh node_modules/mediasoup
