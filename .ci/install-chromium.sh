#!/usr/bin/env bash
# Install Debian's headless Chromium for the desk's browser tests (Playwright drives it).
#
# Idempotent: does nothing when `chromium-headless-shell` or `chromium` is already on PATH.
# Playwright's own `playwright install` downloads browsers from a CDN, which CI cannot reach;
# the tests point Playwright at this executable instead (tests/browser/conftest.py).
set -euo pipefail

for name in chromium-headless-shell chromium; do
    if command -v "$name" >/dev/null 2>&1; then
        echo "install-chromium: already installed ($("$name" --version 2>/dev/null | head -n 1))"
        exit 0
    fi
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
# Wait for a concurrent apt/dpkg run instead of failing on its lock.
APT=(apt-get -o DPkg::Lock::Timeout=600)
$SUDO "${APT[@]}" update
# fonts-dejavu-core: a font to render text with (the headless shell brings none of its own).
$SUDO "${APT[@]}" install -y --no-install-recommends chromium-headless-shell fonts-dejavu-core

echo "install-chromium: installed ($(chromium-headless-shell --version 2>/dev/null | head -n 1))"
