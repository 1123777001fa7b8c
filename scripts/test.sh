#!/usr/bin/env bash
# `npm test`: every test. Type check, unit and integration tests (real PostgreSQL: embedded, or
# DATABASE_URL's server when set), the production build, then end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
mkdir -p .data

# Playwright cannot download browsers here; use Debian's Chromium, installing it when missing.
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "Installing Debian's chromium for the browser tests…"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

echo "== The committed lockfile installs with npm ci (deployments and container builds use it)"
# Checked on the committed package-lock.json, not the one \`npm install\` may have just rewritten.
LOCKCHECK="$(mktemp -d)"
if git rev-parse --verify -q HEAD >/dev/null 2>&1 && git ls-files --error-unmatch package-lock.json >/dev/null 2>&1; then
  git show HEAD:package.json >"$LOCKCHECK/package.json"
  git show HEAD:package-lock.json >"$LOCKCHECK/package-lock.json"
else
  cp package.json package-lock.json "$LOCKCHECK/"
fi
(cd "$LOCKCHECK" && npm ci --dry-run --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
rm -rf "$LOCKCHECK"

echo "== Type check"
npx tsc --noEmit

echo "== Lint (ESLint: Next.js rules, typescript-eslint, no server code in components or client code)"
npx eslint --max-warnings 0 .

echo "== Formatting (Prettier, 120 columns: npm run format fixes it)"
npx prettier --check . >/dev/null || { npx prettier --list-different .; echo "Not formatted: run npm run format"; exit 1; }

echo "== Unit and integration tests (includes the migrations drift check)"
npx vitest run --reporter=default --reporter=json --outputFile.json=.data/vitest-results.json

echo "== Production build"
npx next build

echo "== End-to-end tests in Chromium"
PLAYWRIGHT_JSON_OUTPUT_NAME=.data/playwright-results.json npx playwright test --reporter=list,json

node scripts/test-summary.mjs .data/vitest-results.json .data/playwright-results.json
