import { defineConfig } from "vitest/config";

// One ES module, Lit included, into the integration's folder (committed, served by it).
// OUT_DIR lets `npm run check-build` build elsewhere and compare.
const outDir = process.env.XIVO_CARD_OUT_DIR ?? "../custom_components/xivo/frontend";

export default defineConfig({
  build: {
    outDir,
    emptyOutDir: false,
    target: "es2021",
    minify: true,
    sourcemap: false,
    reportCompressedSize: true,
    lib: {
      entry: "src/xivo-phone-card.ts",
      formats: ["es"],
      fileName: () => "xivo-phone-card.js",
    },
    rollupOptions: {
      output: {
        minify: true,
        postBanner: "/*! XiVO phone card for Home Assistant. Built from frontend/ (npm run build); do not edit. Includes Lit (BSD-3-Clause). */",
      },
    },
  },
  test: {
    environment: "happy-dom",
    include: ["test/**/*.test.ts"],
  },
});
