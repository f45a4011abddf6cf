#!/usr/bin/env bash
# npm run seed: regenerate emulator-data/ from functions/tools/seed.ts (clean emulators, seed, export).
source "$(dirname "$0")/lib.sh"
prepare
config=$(emulator_config)
cd "$ROOT"
tmp=$(mktemp -d)
log "seeding fresh emulators and exporting to emulator-data/"
firebase_cli --config "$config" emulators:exec --only auth,firestore --export-on-exit "$tmp" \
  "node '$ROOT/functions/lib/tools/seed.js'"
rm -rf "$ROOT/emulator-data"
mv "$tmp" "$ROOT/emulator-data"
log "emulator-data/ regenerated"
