#!/usr/bin/env bash
# npm start: prepare, build the web app, then the emulators with the seed data; prints the app URL,
# the API URL and the demo logins.
source "$(dirname "$0")/lib.sh"
prepare
config=$(emulator_config)
prepare_web "$config"
cd "$ROOT"
only="$(emulator_list),hosting"
log "starting emulators: $only (Ctrl-C stops them)"
firebase_cli --config "$config" emulators:start --only "$only" --import "$ROOT/emulator-data" &
fb=$!
trap 'kill -INT $fb 2>/dev/null; wait $fb' INT TERM
base=$(node -e 'const c=require(process.argv[1]).emulators.functions;console.log(`http://${c.host}:${c.port}`)' "$config")
url="$base/$PROJECT_ID/asia-south1/api/v1"
for _ in $(seq 1 180); do
  if curl -fsS "$url/health" >/dev/null 2>&1; then
    node "$ROOT/functions/lib/tools/banner.js" "$url" "$config"
    log "shop console (web app): $(web_url "$config")  (sign in with a demo login above)"
    break
  fi
  if ! kill -0 $fb 2>/dev/null; then break; fi
  sleep 1
done
wait $fb
