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

# Each tier's wall time (its command from start to exit, setup included), for the summary:
# "<tier> <start> <end>" lines (epoch seconds) in $results/durations.txt. A failing tier is timed
# too, then stops the run.
timed() {
  local tier=$1 start=$EPOCHREALTIME rc=0
  shift
  "$@" || rc=$?
  echo "$tier $start $EPOCHREALTIME" >>"$results/durations.txt"
  return $rc
}

step "lint"
timed lint npm run --silent lint
step "format"
timed format npm run --silent format:check
step "applied migrations unedited"
timed migrations npm run --silent check:migrations
step "typecheck"
timed typecheck npm run --silent typecheck
step "unit tests"
timed unit npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$results/unit.json"
step "integration tests (Postgres + Redis)"
timed integration npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$results/integration.json"
step "integration tests that time recovery (run alone)"
timed integration-alone npx vitest run --project integration-alone --reporter=default --reporter=json --outputFile.json="$results/integration-alone.json"
step "building the app for e2e"
timed build npx next build
step "e2e tests (next start + Chromium)"
timed e2e env PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e.json" npx playwright test --reporter=list,json
step "summary"
node scripts/test-summary.mjs "$results"
