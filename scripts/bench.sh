#!/usr/bin/env bash
# npm run bench [-- names...]: every benchmark, under the emulators, printing its figures.
source "$(dirname "$0")/lib.sh"
prepare
if [ $# -eq 0 ] || [[ " $* " == *" chitty "* ]]; then ensure_handwriting_fonts; fi
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
  # Auth, Firestore and Hosting only: the first screen never waits for the API, and leaving the
  # functions out keeps the 5,000 seeded products from queueing KPI triggers during the
  # measurement. Without a local api function the Hosting emulator would forward /v1/** to the
  # deployed one, so this run's config drops that rewrite (/v1 then gets the SPA page).
  web_config="$ROOT/.firebase.web-bench-${KIRANA_PORT_OFFSET:-0}.json"
  node -e '
    const fs = require("fs");
    const c = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    c.hosting.rewrites = c.hosting.rewrites.filter((r) => !r.function);
    fs.writeFileSync(process.argv[2], JSON.stringify(c, null, 2));
  ' "$config" "$web_config"
  log "running the web benchmark (auth, firestore, hosting)"
  firebase_cli --config "$web_config" emulators:exec --only auth,firestore,hosting \
    "KIRANA_APP_URL=$(web_url "$config") node '$ROOT/web/bench/web.bench.mjs'"
fi
# The customers' storefront (web/bench/storefront.bench.mjs): it lists shops through the API, so
# it runs with the functions and the /v1 rewrite, after the console's benchmark.
if [ $web = 1 ]; then
  log "running the storefront benchmark (auth, firestore, functions, hosting)"
  firebase_cli --config "$config" emulators:exec --only auth,firestore,functions,hosting \
    "KIRANA_APP_URL=$(web_url "$config") node '$ROOT/web/bench/storefront.bench.mjs'"
fi
