#!/usr/bin/env bash
# npm test: prepare, then every test suite (unit, rules, emulator; the web app's unit and browser
# tests) under the real emulators. `npm test -- <jest args>` runs only those Jest suites;
# `npm test -- web [playwright args]` runs only the web app's tests.
source "$(dirname "$0")/lib.sh"
prepare
log "type-checking the tests"
npm --prefix "$ROOT/functions" run --silent typecheck
config=$(emulator_config)
# Which parts run: both by default; Jest only when given Jest arguments; the web app only with "web".
run_jest=1 run_web=1
if [ "${1:-}" = "web" ]; then run_jest=0; shift; elif [ $# -gt 0 ]; then run_web=0; fi
if [ $run_web = 1 ]; then prepare_web "$config"; ensure_chromium; fi
cd "$ROOT"
off=${KIRANA_PORT_OFFSET:-0}
rm -f "$ROOT/.cache/vitest-results-$off.json" "$ROOT/.cache/playwright-results-$off.json"
results="$ROOT/.cache/jest-results-${KIRANA_PORT_OFFSET:-0}.json"
mkdir -p "$ROOT/.cache" && rm -f "$results"
jest_cmd=true web_cmd=true
[ $run_jest = 1 ] && jest_cmd="cd '$ROOT/functions' && npx jest --ci --runInBand --json --outputFile='$results' $*"
[ $run_web = 1 ] && web_cmd="bash '$ROOT/scripts/test-web.sh' '$config' $*"
log "starting emulators (auth, firestore, functions, hosting) and running the tests"
status=0
firebase_cli --config "$config" emulators:exec --only auth,firestore,functions,hosting \
  "($jest_cmd); j=\$?; ($web_cmd); w=\$?; exit \$(( j || w ))" || status=$?
# One plain closing line that any CI reader understands: Jest + vitest + Playwright.
node -e '
  const fs = require("fs");
  const read = (p) => (fs.existsSync(p) ? JSON.parse(fs.readFileSync(p, "utf8")) : null);
  const [jestPath, vitestPath, pwPath, runJest, runWeb] = process.argv.slice(1);
  let passed = 0, failed = 0;
  // A runner that was due but left no results crashed: that counts as a failure.
  const expected = [[jestPath, runJest], [vitestPath, runWeb], [pwPath, runWeb]];
  for (const [p, due] of expected) if (due === "1" && !read(p)) failed += 1;
  for (const r of [read(jestPath), read(vitestPath)]) if (r) { passed += r.numPassedTests; failed += r.numFailedTests; }
  const pw = read(pwPath);
  if (pw) { passed += pw.stats.expected + pw.stats.flaky; failed += pw.stats.unexpected; }
  console.log(`\ntests: ${passed} passed, ${failed} failed`);
' "$results" "$ROOT/.cache/vitest-results-$off.json" "$ROOT/.cache/playwright-results-$off.json" $run_jest $run_web
exit $status
