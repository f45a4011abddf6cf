#!/usr/bin/env bash
# npm test: prepare, then every test suite (unit, rules, emulator) under the real emulators.
# Extra arguments go to Jest, e.g. `npm test -- test/unit`.
source "$(dirname "$0")/lib.sh"
prepare
config=$(emulator_config)
cd "$ROOT"
log "starting emulators (auth, firestore, functions) and running the tests"
# shellcheck disable=SC2145
firebase_cli --config "$config" emulators:exec --only auth,firestore,functions \
  "cd '$ROOT/functions' && npx jest --ci --maxWorkers=2 $*"
