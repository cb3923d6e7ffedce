#!/usr/bin/env bash
# Runs a command (default: the test command) in a fresh clone of what is committed, the way
# CI and a new machine see the project: nothing uncommitted, no build output, no .venv, and a
# PATH without this machine's interpreter shims.
#   bash scripts/ren-klon.sh                       # bash scripts/testa.sh
#   bash scripts/ren-klon.sh 'bash scripts/bygg.sh'
set -euo pipefail
top=$(git rev-parse --show-toplevel)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git clone -q "$top" "$tmp/styrdok"
cd "$tmp/styrdok"
echo "ren-klon: $(git log -1 --format='%h %s') i $tmp/styrdok"
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin CI=true bash -c "${1:-bash scripts/testa.sh}"
