#!/usr/bin/env bash
# Installs what a real JavaFX window needs on a bare Debian machine: a virtual X server (xvfb,
# xauth for xvfb-run), GTK 3 and a font; does nothing when they are there.
set -euo pipefail
need=()
command -v xvfb-run >/dev/null 2>&1 || need+=(xvfb xauth)
{ ldconfig -p 2>/dev/null | grep -q 'libgtk-3\.so\.0'; } || need+=(libgtk-3-0)
{ command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list 2>/dev/null | head -n 1)" ]; } || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "installing ${need[*]} (apt-get)..." >&2
  $sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${need[@]}" >/dev/null
fi
