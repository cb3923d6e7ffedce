#!/usr/bin/env bash
# Sets up and builds the example kommun: site/public, site/intranet and every document.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/installera.sh
exec .venv/bin/styrdok build "$@"
