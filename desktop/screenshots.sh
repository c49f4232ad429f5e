#!/usr/bin/env bash
# Writes docs/img/desktop-*.png: the desktop app on a virtual X display (Xvfb) opens each screen
# on the quickstart, runs it, compares three policies, runs it again with the optaplanner policy
# for an explanation, and saves a picture of each screen (./fleetsim desktop FILE --tour DIR).
# Installs Debian's xvfb and GTK 3 when they are missing (apt-get; root or sudo).
#   desktop/screenshots.sh [OUT_DIR]        (default docs/img)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/docs/img}"
"$root/desktop/xvfb-deps.sh"
mkdir -p "$out"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
cd "$root"
xvfb-run -a -s "-screen 0 1600x1000x24" ./fleetsim desktop scenarios/quickstart.yaml --tour "$out"
# Palette PNGs are a third of the size and look the same (a UI has few colours); pngquant when it is there.
if command -v pngquant >/dev/null 2>&1 || { [ "$(id -u)" -eq 0 ] && apt-get install -y -q pngquant >/dev/null 2>&1; }; then
  pngquant --force --skip-if-larger --quality 80-95 --ext .png "$out"/desktop-*.png || true
fi
