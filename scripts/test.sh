#!/usr/bin/env bash
# npm test — installs what the tests need and runs the whole suite: lint, format, types, unit,
# integration (real Postgres and Redis), then e2e on the built app in Debian's Chromium.
cd "$(dirname "$0")/.."
source scripts/lib.sh

export NEXT_TELEMETRY_DISABLED=1
results=.tmp/test-results
rm -rf "$results" && mkdir -p "$results"

install_dependencies
ensure_env_file
check_services
if [ ! -x /usr/bin/chromium ]; then
  echo "Debian's Chromium is missing: apt-get update && apt-get install -y chromium" >&2
  exit 1
fi

step "lint"
npm run --silent lint
step "format"
npm run --silent format:check
step "applied migrations unedited"
npm run --silent check:migrations
step "typecheck"
npm run --silent typecheck
step "unit tests"
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$results/unit.json"
step "integration tests (Postgres + Redis)"
npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$results/integration.json"
step "building the app for e2e"
npx next build
step "e2e tests (next start + Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e.json" npx playwright test --reporter=list,json
step "summary"
node scripts/test-summary.mjs "$results"
