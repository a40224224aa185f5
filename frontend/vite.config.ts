import { defineConfig } from "vitest/config";

// Two ES modules into the integration's folder (committed, served by it): the card, Lit
// included, and the incoming-call popup (no Lit: it loads on every page, so it stays small).
// They share no code, so each is one file.
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
      entry: { "xivo-phone-card": "src/xivo-phone-card.ts", "xivo-popup": "src/xivo-popup.ts" },
      formats: ["es"],
      fileName: (_format, name) => `${name}.js`,
    },
    rollupOptions: {
      output: {
        minify: true,
        postBanner: (chunk) =>
          chunk.name === "xivo-popup"
            ? "/*! XiVO incoming-call popup for Home Assistant. Built from frontend/ (npm run build); do not edit. */"
            : "/*! XiVO phone card for Home Assistant. Built from frontend/ (npm run build); do not edit. Includes Lit (BSD-3-Clause). */",
      },
    },
  },
  test: {
    environment: "happy-dom",
    include: ["test/**/*.test.ts"],
  },
});
