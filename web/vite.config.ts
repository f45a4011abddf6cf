import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The app is served by Firebase Hosting (the emulator locally), which also rewrites /v1/** to
// the `api` function, so the built app calls its API on its own origin.
export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", sourcemap: false, chunkSizeWarningLimit: 800 },
  test: { include: ["test/**/*.test.ts"], environment: "node" },
} as never);
