// What the end-to-end tests and the card benchmark share: the demo (scripts/demo: the XUC
// simulator and a real Home Assistant), Chromium through playwright-core, the simulator's
// control API and Home Assistant's REST API.
//
// Environment:
//   E2E_HA_URL + E2E_SIM_URL  use a demo that is already running (e.g. `scripts/demo`, with
//                             http://127.0.0.1:8123 and http://127.0.0.1:8090) instead of
//                             starting one; it is left running
//   E2E_OUTPUT                folder for screenshots and logs (default frontend/e2e/output)
//   CHROMIUM                  the browser (default /usr/bin/chromium)
//   PY314                     a command to run scripts/demo through (default: none, it finds Python 3.14)
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const FRONTEND = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const REPO = resolve(FRONTEND, "..");
export const OUTPUT = resolve(process.env.E2E_OUTPUT ?? join(FRONTEND, "e2e", "output"));
export const DEMO_USER = { username: "demo", password: "demo1234" };
export const XIVO_USER = "jbond";
export const CARD_BUNDLE = join(REPO, "custom_components", "xivo", "frontend", "xivo-phone-card.js");
export const POPUP_BUNDLE = join(REPO, "custom_components", "xivo", "frontend", "xivo-popup.js");

// The flags DESIGN.md's pitfalls list: no network of its own, no GPU, no sandbox (root).
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** A line on stderr (the test runner shows it). */
export const note = (text) => process.stderr.write(`e2e: ${text}\n`);
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
/** Like sleep, but the timer does not keep the process alive (for deadlines in races). */
const deadline = (ms) => new Promise((done) => setTimeout(done, ms).unref());

/** Poll `probe` until it returns something truthy; its value. Fails after `timeout` ms. */
export async function until(what, probe, { timeout = 10_000, every = 100 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ""}`);
    }
    await sleep(every);
  }
}

async function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

// ------------------------------------------------------------------------------------ the demo

/** The running demo: its URLs, and stop(). */
export class Demo {
  constructor(haUrl, simUrl, child = null, log = null) {
    this.haUrl = haUrl.replace(/\/$/, "");
    this.simUrl = simUrl.replace(/\/$/, "");
    this.child = child;
    this.log = log;
    this._token = null;
    this._exited = child ? new Promise((done) => child.once("exit", (code, signal) => done({ code, signal }))) : null;
  }

  /**
   * Start scripts/demo on free ports and wait until its banner says Home Assistant is ready (the
   * XiVO entry added, the card's device written), or reuse E2E_HA_URL/E2E_SIM_URL.
   */
  static async start({ timeout = 180_000 } = {}) {
    if (process.env.E2E_HA_URL && process.env.E2E_SIM_URL) {
      return new Demo(process.env.E2E_HA_URL, process.env.E2E_SIM_URL);
    }
    mkdirSync(OUTPUT, { recursive: true });
    const haPort = await freePort();
    let simPort = await freePort();
    while (simPort === haPort) simPort = await freePort();
    // scripts/demo finds (or obtains) its Python 3.14 itself; PY314 may name a wrapper.
    const py314 = process.env.PY314;
    const command = py314 ? [py314, "scripts/demo"] : ["scripts/demo"];
    const args = [...command.slice(1), "--port", String(haPort), "--sim-port", String(simPort)];
    const logPath = join(OUTPUT, "demo.log");
    const log = createWriteStream(logPath);
    const child = spawn(command[0], args, { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
    // scripts/e2e kills it from here if this process dies without stopping it.
    writeFileSync(join(OUTPUT, "demo.pid"), `${child.pid}\n`);
    const demo = new Demo(`http://127.0.0.1:${haPort}`, `http://127.0.0.1:${simPort}`, child, logPath);
    process.once("exit", () => demo.child?.exitCode === null && demo.child.kill("SIGTERM"));
    let output = "";
    const ready = new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`the demo was not ready in ${timeout / 1000} s`)), timeout);
      const read = (chunk) => {
        log.write(chunk);
        output += chunk;
        if (output.includes("Home Assistant is ready")) {
          clearTimeout(timer);
          done();
        }
      };
      child.stdout.on("data", read);
      child.stderr.on("data", read);
      child.once("exit", (code) => {
        clearTimeout(timer);
        fail(new Error(`scripts/demo exited (${code}) before it was ready`));
      });
    });
    const started = Date.now();
    try {
      await ready;
      note(`demo ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${demo.haUrl}, simulator ${demo.simUrl}`);
    } catch (error) {
      await demo.stop();
      throw new Error(`${error.message}; its last lines:\n${output.split("\n").slice(-25).join("\n")}`);
    }
    return demo;
  }

  /** SIGTERM: scripts/demo stops Home Assistant, then the simulator (each within 30 s). */
  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const started = Date.now();
    child.kill("SIGTERM");
    const stopped = await Promise.race([this._exited, deadline(75_000).then(() => null)]);
    if (!stopped) child.kill("SIGKILL");
    note(`demo stopped in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    rmSync(join(OUTPUT, "demo.pid"), { force: true });
  }

  // ---------------------------------------------------------------- the simulator

  /** POST /_sim/<action>; its result. */
  async sim(action, body = {}) {
    const response = await fetch(`${this.simUrl}/_sim/${action}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(`simulator ${action}: ${response.status} ${JSON.stringify(answer)}`);
    return answer.result;
  }

  /** Hang up every call of every user at the simulator. */
  async hangUpAll() {
    const state = await this.simState();
    for (const [username, user] of Object.entries(state.users)) {
      for (let left = user.calls.length; left > 0; left--) await this.sim("remote_hangup", { username });
    }
    return state;
  }

  /** The line as a test expects it: no call for anyone, do not disturb off. */
  async resetLine() {
    const state = await this.hangUpAll();
    if (state.users[XIVO_USER].config.dndEnabled) {
      await this.sim("set_user_config", { username: XIVO_USER, dnd_enabled: false });
    }
  }

  async simState() {
    const response = await fetch(`${this.simUrl}/_sim/state`);
    if (!response.ok) throw new Error(`simulator state: ${response.status}`);
    return response.json();
  }

  /** The command frames the user's sessions sent the simulator, in order. */
  async frames(username = XIVO_USER) {
    const response = await fetch(`${this.simUrl}/_sim/frames/${username}`);
    if (!response.ok) throw new Error(`simulator frames: ${response.status}`);
    return (await response.json()).result;
  }

  /** The first frame from index `from` on that `match`es (a command name or a predicate). */
  async waitForFrame(match, { from = 0, timeout = 10_000 } = {}) {
    const test = typeof match === "string" ? (frame) => frame.command === match : match;
    return until(`a ${typeof match === "string" ? match : "matching"} frame at the simulator`, async () => {
      const frames = await this.frames();
      return frames.slice(from).find(test);
    }, { timeout });
  }

  // ---------------------------------------------------------------- Home Assistant

  /** Sign in as the demo user through the login flow; a bearer token for the REST API. */
  async token() {
    if (this._token) return this._token;
    const clientId = `${this.haUrl}/`;
    const post = async (path, body) => {
      const response = await fetch(`${this.haUrl}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
      return response.json();
    };
    const flow = await post("/auth/login_flow", {
      client_id: clientId,
      handler: ["homeassistant", null],
      redirect_uri: `${this.haUrl}/?auth_callback=1`,
    });
    const result = await post(`/auth/login_flow/${flow.flow_id}`, { client_id: clientId, ...DEMO_USER });
    if (result.type !== "create_entry") throw new Error(`login refused: ${JSON.stringify(result.errors)}`);
    const response = await fetch(`${this.haUrl}/auth/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "authorization_code", code: result.result, client_id: clientId }),
    });
    if (!response.ok) throw new Error(`POST /auth/token: ${response.status}`);
    this._token = (await response.json()).access_token;
    return this._token;
  }

  /** A REST call to Home Assistant as the demo user; the decoded answer. */
  async api(method, path, body) {
    const response = await fetch(`${this.haUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${await this.token()}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  }

  async state(entityId) {
    return this.api("GET", `/api/states/${entityId}`);
  }
}

// ------------------------------------------------------------------------------------ the browser

/** Chromium with a fresh profile (removed by close()). */
export async function openBrowser({ viewport = { width: 1280, height: 1800 } } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "xivo-e2e-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale: "en-US",
    timezoneId: "Europe/Paris",
    reducedMotion: "reduce",
  });
  context.setDefaultTimeout(10_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("pageerror", (error) => errors.push(error));
  return {
    context,
    page,
    errors,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Sign in through Home Assistant's login page; ends on the default dashboard. */
export async function logIn(page, demo) {
  const started = Date.now();
  await page.goto(`${demo.haUrl}/`);
  await page.getByLabel("Username").waitFor({ timeout: 30_000 });
  note(`login page shown in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await page.getByLabel("Username").fill(DEMO_USER.username);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_USER.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/lovelace/, { timeout: 30_000 });
  note(`signed in, on the dashboard in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The phone card once its line is linked (the entities are live). */
export async function phoneCard(page, { timeout = 60_000 } = {}) {
  const card = page.locator("xivo-phone-card");
  try {
    await card.waitFor({ timeout: 20_000 });
  } catch {
    // Seen in about one fresh demo in five: the page shows "Configuration error" where the
    // card goes and the card's module never ran. Not understood yet (README, Known
    // limitations): said loudly here, then the page is loaded once more.
    const defined = await page.evaluate(() => Boolean(customElements.get("xivo-phone-card")));
    note(`KNOWN FAULT: no phone card after 20 s (its element ${defined ? "is" : "is not"} defined); reloading the page once`);
    await page.reload();
    await card.waitFor({ timeout });
  }
  await card.locator(".chip.link-up").waitFor({ timeout });
  return card;
}

/** A file in OUTPUT (made if missing). */
export function outputPath(name) {
  mkdirSync(OUTPUT, { recursive: true });
  return join(OUTPUT, name);
}
