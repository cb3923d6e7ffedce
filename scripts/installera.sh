#!/usr/bin/env bash
# Installs what styrdok needs on a fresh Debian machine, into .venv/.
#   bash scripts/installera.sh          for building (styrdok build)
#   bash scripts/installera.sh --test   also what the tests need: chromium, LibreOffice,
#                                       poppler, a JRE, pandoc and the npm packages
set -euo pipefail
cd "$(dirname "$0")/.."

med_test=0
[ "${1:-}" = "--test" ] && med_test=1

paket=(poppler-utils libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core fonts-liberation2)
if [ "$med_test" = 1 ]; then
  paket+=(chromium poppler-utils libreoffice-writer-nogui default-jre-headless pandoc nodejs npm)
fi

saknas=()
for p in "${paket[@]}"; do
  # Node and npm may come from elsewhere than Debian (a preinstalled Node): then keep those
  if { [ "$p" = nodejs ] || [ "$p" = npm ]; } && command -v npm >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || saknas+=("$p")
done
if [ "${#saknas[@]}" -gt 0 ]; then
  echo "installerar Debianpaket: ${saknas[*]}"
  SUDO=""; [ "$(id -u)" != 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq ${saknas[*]} >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
if [ "$med_test" = 1 ]; then
  .venv/bin/python -m pip install -q -e '.[test]'
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; fi
else
  .venv/bin/python -m pip install -q -e .
fi
