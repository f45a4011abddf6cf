#!/usr/bin/env bash
# npm run chitty -- --catalog <file.csv> <image>...: read chitty photos with the local OCR engine
# and the server's pipeline; JSON on stdout, timings on stderr. Paths are relative to where
# npm was run.
source "$(dirname "$0")/lib.sh"
prepare >&2
cd "${INIT_CWD:-$PWD}"
exec node "$ROOT/functions/lib/tools/chitty/cli.js" "$@"
