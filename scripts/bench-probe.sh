#!/usr/bin/env bash
# Reproduces docs/benchmarks.md: findable and Sherlock probing the same simulated
# platforms on 127.0.0.1. Installs Sherlock from PyPI into target/sherlock-venv the
# first time. Nothing is sent off this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/sherlock-venv
if [ ! -x "$venv/bin/sherlock" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet sherlock-project
fi
echo "sherlock $("$venv/bin/sherlock" --version 2>/dev/null | head -n 1)" >&2
SHERLOCK="$PWD/$venv/bin/sherlock" cargo bench --bench probe
