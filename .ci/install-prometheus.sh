#!/usr/bin/env bash
# Install promtool (Debian's `prometheus` package) when it is missing.
#
# Idempotent: does nothing when both `promtool` and `prometheus` are already on
# PATH. Never starts the service: policy-rc.d forbids it for the install, and
# the tests only run `promtool` (check config / test rules), no server.
set -euo pipefail

if command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1; then
    echo "install-prometheus: already installed ($(promtool --version 2>&1 | head -n 1))"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

# Keep the package's postinst from starting (or enabling) the daemon.
POLICY=/usr/sbin/policy-rc.d
REMOVE_POLICY=0
if [ ! -e "$POLICY" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
    $SUDO chmod +x "$POLICY"
    REMOVE_POLICY=1
fi
cleanup() {
    if [ "$REMOVE_POLICY" -eq 1 ]; then
        $SUDO rm -f "$POLICY"
    fi
}
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends prometheus

echo "install-prometheus: installed ($(promtool --version 2>&1 | head -n 1))"
