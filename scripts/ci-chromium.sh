#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver for the browser tests (tests/web/test_browser.py),
# only where they are missing: a machine that has them skips apt entirely.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
