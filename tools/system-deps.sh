#!/usr/bin/env bash
# The system programs the tests drive: Debian's Chromium (browser tests) and Java (the Nu HTML Checker).
# Installs them with apt-get when run as root on Debian (as CI does); otherwise says what to run.
set -euo pipefail
missing=()
# CHROMIUM_PATH points the tests at another Chromium build (GitHub's runners ship Google Chrome).
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} with apt-get ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "The tests need: ${missing[*]}. Install them, for example: sudo apt-get install ${missing[*]}" >&2
exit 1
