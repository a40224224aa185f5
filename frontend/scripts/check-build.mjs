// Builds the bundles (the card, the popup) into a scratch folder and fails if one differs from
// the committed file.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const frontend = fileURLToPath(new URL("..", import.meta.url));
const committedDir = join(frontend, "..", "custom_components", "xivo", "frontend");
const BUNDLES = ["xivo-phone-card.js", "xivo-popup.js"];
const scratch = mkdtempSync(join(tmpdir(), "xivo-card-"));

try {
  const build = spawnSync(process.execPath, [join(frontend, "node_modules", "vite", "bin", "vite.js"), "build", "--logLevel", "warn"], {
    cwd: frontend,
    env: { ...process.env, XIVO_CARD_OUT_DIR: scratch },
    stdio: "inherit",
  });
  if (build.status !== 0) {
    console.error("check-build: the build failed");
    process.exit(1);
  }
  let failed = false;
  for (const name of BUNDLES) {
    const fresh = readFileSync(join(scratch, name));
    let current;
    try {
      current = readFileSync(join(committedDir, name));
    } catch {
      console.error(`check-build: custom_components/xivo/frontend/${name} is missing; run npm run build and commit it`);
      failed = true;
      continue;
    }
    if (!fresh.equals(current)) {
      console.error(
        `check-build: custom_components/xivo/frontend/${name} is not what frontend/ builds ` +
          `(${current.length} bytes committed, ${fresh.length} built); run npm run build and commit it`,
      );
      failed = true;
      continue;
    }
    console.log(`check-build: the committed ${name} matches the source (${fresh.length} bytes)`);
  }
  if (failed) process.exit(1);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
