#!/usr/bin/env bash
# Sets up everything the tests need and runs them (the same command CI runs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/installera.sh --test
# Style and import order first: a finding fails the run like a failing test.
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/python -m pytest "$@"
