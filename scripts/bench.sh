#!/usr/bin/env bash
# npm run bench [-- names...]: every benchmark, under the emulators, printing its figures.
source "$(dirname "$0")/lib.sh"
prepare
config=$(emulator_config)
cd "$ROOT"
# "web" is the shop console's load benchmark (web/bench/web.bench.mjs): it needs the built app,
# Chromium and the Hosting emulator, and runs under its own emulators after the others.
web=0 others=()
for name in "$@"; do if [ "$name" = web ]; then web=1; else others+=("$name"); fi; done
if [ $# -eq 0 ]; then web=1; fi
if [ $# -eq 0 ] || [ ${#others[@]} -gt 0 ]; then
  log "starting emulators and running benchmarks: ${others[*]:-all}"
  firebase_cli --config "$config" emulators:exec --only auth,firestore,functions \
    "node '$ROOT/functions/lib/bench/run.js' ${others[*]:-}"
fi
if [ $web = 1 ]; then
  prepare_web "$config"
  ensure_chromium
  log "running the web benchmark (auth, firestore, hosting: the first screen does not wait for the API)"
  firebase_cli --config "$config" emulators:exec --only auth,firestore,hosting \
    "KIRANA_APP_URL=$(web_url "$config") node '$ROOT/web/bench/web.bench.mjs'"
fi
