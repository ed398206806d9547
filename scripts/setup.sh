#!/usr/bin/env bash
# Run by `npm install` (postinstall): what the machine needs beyond node_modules. Both steps are
# idempotent and fast once done; the mediasoup worker comes from a cache outside the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-packages.sh
bash scripts/mediasoup-worker/ensure-worker.sh node_modules/mediasoup

# npm checks each package's "engines" against the Node that runs npm itself, not the Node 22 the
# project brings, so under an older system Node the EBADENGINE warnings above are expected.
npm_node="${npm_node_execpath:-node}"
if (("$("$npm_node" -p 'process.versions.node.split(".")[0]')" < 22)); then
  echo "Note: the \"EBADENGINE Unsupported engine\" warnings above are expected: npm ran on Node $("$npm_node" --version), but every script and test here runs on the project's own Node 22 (node_modules/.bin/node)."
fi
