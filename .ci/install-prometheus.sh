#!/usr/bin/env bash
# Install Debian's `prometheus` (prometheus, promtool) and `prometheus-alertmanager`
# (alertmanager, amtool) when any of their commands is missing.
#
# Idempotent: does nothing when promtool, prometheus, alertmanager (Debian calls
# the binary prometheus-alertmanager) and amtool are already on PATH. Never starts
# the services: policy-rc.d forbids it for the install; the tests run their own
# servers on free ports.
set -euo pipefail

have_alertmanager() {
    command -v prometheus-alertmanager >/dev/null 2>&1 || command -v alertmanager >/dev/null 2>&1
}

if command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1 \
    && have_alertmanager && command -v amtool >/dev/null 2>&1; then
    echo "install-prometheus: already installed ($(promtool --version 2>&1 | head -n 1))"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

# Keep the packages' postinst from starting (or enabling) the daemons.
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
$SUDO apt-get install -y --no-install-recommends prometheus prometheus-alertmanager

echo "install-prometheus: installed ($(promtool --version 2>&1 | head -n 1); $(amtool --version 2>&1 | head -n 1))"
