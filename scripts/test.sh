#!/usr/bin/env bash
# npm test: prepare, then every test suite (unit, rules, emulator) under the real emulators.
# Extra arguments go to Jest, e.g. `npm test -- test/unit`.
source "$(dirname "$0")/lib.sh"
prepare
log "type-checking the tests"
npm --prefix "$ROOT/functions" run --silent typecheck
config=$(emulator_config)
cd "$ROOT"
results="$ROOT/.cache/jest-results-${KIRANA_PORT_OFFSET:-0}.json"
mkdir -p "$ROOT/.cache" && rm -f "$results"
log "starting emulators (auth, firestore, functions) and running the tests"
status=0
firebase_cli --config "$config" emulators:exec --only auth,firestore,functions \
  "cd '$ROOT/functions' && npx jest --ci --runInBand --json --outputFile='$results' $*" || status=$?
# One plain closing line that any CI reader understands.
if [ -f "$results" ]; then
  node -e 'const r=require(process.argv[1]);console.log(`\njest: ${r.numPassedTests} passed, ${r.numFailedTests} failed`)' "$results"
fi
exit $status
