#!/usr/bin/env bash
# Measures how long the desktop app's UI thread is kept from its work while a scenario runs
# with live charts (default: the Philly-like one), and while its results are shown
# (./fleetsim desktop --measure-pauses FILE), on a virtual X display; docs/PERFORMANCE.md keeps
# the figures. Installs Debian's xvfb and GTK 3 when they are missing.
#   desktop/measure-pauses.sh [SCENARIO]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
file="${1:-scenarios/philly-like.yaml}"
case "$file" in /*) ;; *) [ -f "$file" ] && file="$PWD/$file" || file="$root/$file" ;; esac
"$root/desktop/xvfb-deps.sh"
cd "$root"
xvfb-run -a -s "-screen 0 1600x1000x24" ./fleetsim desktop --measure-pauses "$file"
