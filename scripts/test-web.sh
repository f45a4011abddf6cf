#!/usr/bin/env bash
# The web app's tests, run by scripts/test.sh inside the emulators: vitest (unit), then
# Playwright (browser journeys against the Hosting emulator). Writes JSON results for the
# closing summary line. Usage: test-web.sh <firebase config> [playwright args...]
set -uo pipefail
source "$(dirname "$0")/lib.sh"
config=$1
shift
off=${KIRANA_PORT_OFFSET:-0}
export KIRANA_APP_URL=$(web_url "$config")
export KIRANA_AUTH_EMULATOR=$(node -e 'const c=require(process.argv[1]).emulators.auth;console.log(`${c.host}:${c.port}`)' "$config")
export KIRANA_FIRESTORE_EMULATOR=$(node -e 'const c=require(process.argv[1]).emulators.firestore;console.log(`${c.host}:${c.port}`)' "$config")
export KIRANA_PROJECT_ID=$PROJECT_ID
cd "$ROOT/web"
status=0
npx vitest run --reporter=default --reporter=json --outputFile="$ROOT/.cache/vitest-results-$off.json" || status=1
PLAYWRIGHT_JSON_OUTPUT_NAME="$ROOT/.cache/playwright-results-$off.json" npx playwright test --reporter=line,json "$@" || status=1
exit $status
