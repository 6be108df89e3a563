#!/usr/bin/env bash
# Browser tests of the Cockpit audit plugins (e2e/): Debian chromium driven by npm playwright-core.
# On a fresh Debian machine it installs what is missing (chromium, fonts-noto-cjk for readable Chinese
# screenshots, the pinned npm packages), builds the jar if there is none, runs the tests and exits
# non-zero on failure. The last line reads "N passed, M failed". Screenshots: target/e2e-screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=lib/browser-prerequisites.sh
source scripts/lib/browser-prerequisites.sh
install_browser_prerequisites

if [ ! -d e2e/node_modules/playwright-core ]; then
  (cd e2e && npm ci --no-audit --no-fund)
fi

jar=target/policyflow-0.1.0-SNAPSHOT.jar
# Build when the jar is missing or older than any source, model or form.
if [ ! -f "$jar" ] || [ -n "$(find src processes forms pom.xml -newer "$jar" -print -quit)" ]; then
  mvn -B -q package -DskipTests
fi

cd e2e
node cockpit-audit.test.mjs
