// Builds the card into a scratch folder and fails if it differs from the committed bundle.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const frontend = fileURLToPath(new URL("..", import.meta.url));
const committed = join(frontend, "..", "custom_components", "xivo", "frontend", "xivo-phone-card.js");
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
  const fresh = readFileSync(join(scratch, "xivo-phone-card.js"));
  let current;
  try {
    current = readFileSync(committed);
  } catch {
    console.error(`check-build: ${committed} is missing; run npm run build and commit it`);
    process.exit(1);
  }
  if (!fresh.equals(current)) {
    console.error(
      "check-build: custom_components/xivo/frontend/xivo-phone-card.js is not what frontend/ builds " +
        `(${current.length} bytes committed, ${fresh.length} built); run npm run build and commit it`,
    );
    process.exit(1);
  }
  console.log(`check-build: the committed bundle matches the source (${fresh.length} bytes)`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
