#!/usr/bin/env bash
# npm run admin -- <command> <args>: platform administration the API never offers (see
# functions/tools/admin.ts), e.g. `npm run admin -- grant-operator ops@example.in`.
# Targets the emulators of `npm start` (same KIRANA_PORT_OFFSET), or a real project when
# KIRANA_ADMIN_PROJECT=<projectId> is set (Application Default Credentials).
source "$(dirname "$0")/lib.sh"
prepare
if [ -n "${KIRANA_ADMIN_PROJECT:-}" ]; then
  export GCLOUD_PROJECT=$KIRANA_ADMIN_PROJECT
else
  config=$(emulator_config)
  export GCLOUD_PROJECT=$PROJECT_ID
  FIREBASE_AUTH_EMULATOR_HOST=$(node -e 'const c=require(process.argv[1]).emulators.auth;console.log(`${c.host}:${c.port}`)' "$config")
  FIRESTORE_EMULATOR_HOST=$(node -e 'const c=require(process.argv[1]).emulators.firestore;console.log(`${c.host}:${c.port}`)' "$config")
  export FIREBASE_AUTH_EMULATOR_HOST FIRESTORE_EMULATOR_HOST
fi
node "$ROOT/functions/lib/tools/admin.js" "$@"
