#!/usr/bin/env bash
# npm run bench [-- names...]: every benchmark, under the emulators, printing its figures.
source "$(dirname "$0")/lib.sh"
prepare
if [ $# -eq 0 ] || [[ " $* " == *" chitty "* ]]; then ensure_handwriting_fonts; fi
config=$(emulator_config)
cd "$ROOT"
log "starting emulators and running benchmarks: ${*:-all}"
firebase_cli --config "$config" emulators:exec --only auth,firestore,functions \
  "node '$ROOT/functions/lib/bench/run.js' $*"
