import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

/** Lists every built file in precache.json, so the service worker can keep the whole app offline. */
function precacheManifest(): Plugin {
  return {
    name: "kirana-precache-manifest",
    apply: "build",
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => f.startsWith("assets/")).map((f) => `/${f}`);
      this.emitFile({ type: "asset", fileName: "precache.json", source: JSON.stringify(files) });
    },
  };
}

// The app is served by Firebase Hosting (the emulator locally), which also rewrites /v1/** to
// the `api` function, so the built app calls its API on its own origin.
export default defineConfig({
  plugins: [react(), precacheManifest()],
  build: { outDir: "dist", sourcemap: false, chunkSizeWarningLimit: 800 },
  test: { include: ["test/**/*.test.ts"], environment: "node" },
} as never);
