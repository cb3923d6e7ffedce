#!/usr/bin/env bash
# Sets up everything the tests need and runs them (the same command CI runs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/installera.sh --test
exec .venv/bin/python -m pytest "$@"
