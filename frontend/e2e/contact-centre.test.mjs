// The contact centre in a real browser (Chromium), on the demo dashboard's "Contact centre" view:
// the phone card's agent and queues sections and the custom:xivo-queues-card wallboard, against a
// real Home Assistant and the XUC simulator (scripts/demo). Run: scripts/e2e.
//
// James Bond (jbond, line 1000) is agent 8000 in Sales (3000) and Support (3001). The tests run
// in order on one demo and one page: the agent logs in, a Sales caller waits and rings him, he
// answers from the card, wraps up, pauses for lunch. Each step is checked at the simulator (the
// frames it received) and on the page.
import assert from "node:assert/strict";
import { XIVO_USER, logIn, note, outputPath, until } from "./harness.mjs";
import { browser, demo, page, pageTests } from "./page-suite.mjs";

const VIEW = "/lovelace/contact-centre";

let card;
let board;

const pageTest = pageTests({
  failed: (n) => `cc-failed-${n}.png`,
  viewport: { width: 1600, height: 1100 },
  prepare: async () => {
    await reset();
    // A queue call keeps ringing the agent while the test looks at it; the wrap-up lasts long
    // enough to be seen and paused out of.
    await demo.sim("set_cc_options", { queue_ring_timeout: 120, wrapup_time: 60 });
  },
});

/** No call anywhere, no caller in a queue, every agent logged out (a reused demo may differ). */
async function reset() {
  await demo.hangUpAll();
  for (const username of [XIVO_USER, "alice"]) await demo.sim("agent", { username, state: "logged_out" });
}

const region = (name, scope = card) => scope.getByRole("region", { name, exact: true });
const agent = () => region("Agent");
const queue = (name) => region("Queues").getByRole("listitem").filter({ has: page.getByRole("heading", { name, exact: true }) });
const button = (name, scope = card) => scope.getByRole("button", { name, exact: true });
const framesNow = async () => (await demo.frames()).length;
const agentSays = (words) => agent().getByText(`Agent state: ${words}`, { exact: true });

/** The wallboard's figure `term` of queue `name`. */
async function figure(name, term) {
  const pair = region(name, board).locator("dl > div").filter({ has: page.getByText(term, { exact: true }) });
  return (await pair.locator("dd").textContent()).trim();
}

/** docs/cc-<name>.png with scripts/e2e --screenshots: the phone card, or the wallboard. */
async function shoot(name, what = card) {
  await page.mouse.move(0, 0); // no hover left on the button last clicked
  await what.screenshot({ path: outputPath(`cc-${name}.png`), animations: "disabled" });
}

pageTest("the Contact centre view shows the phone card's agent and queues, and the wallboard", async () => {
  await logIn(page, demo);
  await page.goto(`${demo.haUrl}${VIEW}`);
  card = page.locator("xivo-phone-card");
  board = page.locator("xivo-queues-card");
  await card.locator(".chip.link-up").waitFor({ timeout: 60_000 });
  await agentSays("Logged out").waitFor();
  await button("Log in", agent()).waitFor();
  for (const name of ["Sales", "Support"]) {
    await queue(name).waitFor();
    await region(name, board).waitFor();
  }
  assert.deepEqual(await region("Queues").locator(".queue-name").allTextContents(), ["Sales", "Support"]);
  assert.equal(await figure("Sales", "Waiting"), "0");
  assert.deepEqual(browser.errors.map(String), []);
});

pageTest("the wallboard is in the card picker, and its editor offers the line's queues and thresholds", async () => {
  const picker = await page.evaluate(() => window.customCards.map((entry) => `${entry.type}: ${entry.name}`));
  assert.deepEqual(picker.filter((entry) => entry.startsWith("xivo-")), ["xivo-phone-card: XiVO phone", "xivo-queues-card: XiVO queues"]);
  // The editor Home Assistant would show, given the real hass: Home Assistant's own form.
  const form = await page.evaluate(async () => {
    const find = (root, tag) => root.querySelector(tag)
      ?? [...root.querySelectorAll("*")].map((e) => e.shadowRoot && find(e.shadowRoot, tag)).find(Boolean);
    const board = find(document, "xivo-queues-card");
    const editor = await customElements.get("xivo-queues-card").getConfigElement();
    editor.hass = document.querySelector("home-assistant").hass;
    editor.setConfig({ type: "custom:xivo-queues-card", device_id: board._config.device_id });
    document.body.append(editor);
    await editor.updateComplete;
    const haForm = editor.shadowRoot.querySelector("ha-form");
    await haForm.updateComplete;
    const result = {
      defined: !!customElements.get("ha-form"),
      fields: haForm.schema.map((field) => field.name),
      queues: haForm.schema[1].selector.select.options.map((option) => `${option.value} ${option.label}`),
      rendered: !!haForm.shadowRoot?.querySelector("ha-selector, ha-form-select, ha-selector-select, *"),
    };
    editor.remove();
    return result;
  });
  assert.deepEqual(form, {
    defined: true,
    fields: ["device_id", "queues", "waiting_warning", "wait_warning"],
    queues: ["1 Sales", "2 Support"],
    rendered: true,
  });
});

pageTest("the agent logs in from the card", async () => {
  const from = await framesNow();
  await button("Log in", agent()).click();
  const login = await demo.waitForFrame("agentLogin", { from });
  assert.equal(login.agentphonenumber, "1000");
  assert.equal("agentid" in login, false, "the user's own agent is not named");
  await agentSays("Ready").waitFor();
  await button("Pause", agent()).waitFor();
  await button("Log out", agent()).waitFor();
  const timer = agent().getByRole("timer", { name: "Time in this state" });
  await until("the time in the state to run", async () => /^0:0[1-9]$/.test((await timer.textContent()).trim()), { timeout: 4000 });
  await until("the wallboard to count the agent", async () => (await figure("Sales", "Logged in")) === "1");
  assert.equal(await figure("Sales", "Available"), "1");
  await shoot("agent-ready");
});

pageTest("a Sales caller waits in the queue, on the card and the wallboard, and rings the agent", async () => {
  await demo.sim("queue_call", { queue: "3000", caller_number: "0611223344", caller_name: "Paul Durand" });
  const sales = queue("Sales");
  await sales.locator(".waiting-caller").filter({ hasText: "Paul Durand" }).waitFor();
  await sales.getByText("0611223344", { exact: true }).waitFor();
  assert.equal((await sales.locator(".figure-waiting dd").textContent()).trim(), "1");
  await until("the wallboard to show one Sales caller", async () => (await figure("Sales", "Waiting")) === "1");
  // The longest wait runs on the wallboard without a new state from the server.
  const first = await figure("Sales", "Longest wait");
  assert.match(first, /^0:\d\d$/);
  await until("the longest wait to move on", async () => (await figure("Sales", "Longest wait")) !== first, { timeout: 3000 });

  // It rings James Bond's line: an ACD call from the Sales queue, and the agent is ringing.
  const call = region("Calls").getByRole("listitem").filter({ hasText: "Paul Durand" });
  await call.getByText("Ringing", { exact: true }).waitFor();
  await call.getByText("Queue sales", { exact: false }).or(call.getByText("Queue Sales", { exact: false })).first().waitFor();
  await agentSays("Ringing").waitFor();
  await shoot("queue-call");
  await shoot("wallboard", board);
});

pageTest("the agent answers the queue call from the card, hangs up, and the wrap-up shows", async () => {
  const call = region("Calls").getByRole("listitem").filter({ hasText: "Paul Durand" });
  let from = await framesNow();
  await button("Answer", call).click();
  await demo.waitForFrame("answer", { from });
  await call.getByText("On a call", { exact: true }).waitFor();
  await agentSays("On a call").waitFor();
  // Answered: the caller leaves the queue, on the card and on the wallboard.
  await until("the Sales queue to empty", async () => (await figure("Sales", "Waiting")) === "0");
  assert.equal(await queue("Sales").locator(".waiting-caller").count(), 0);
  await until("the wallboard to count the agent talking", async () => (await figure("Sales", "Talking")) === "1");

  from = await framesNow();
  await button("Hang up", call).click();
  await demo.waitForFrame("hangup", { from });
  await call.waitFor({ state: "detached" });
  await agentSays("Wrap-up").waitFor();
  await shoot("wrap-up");
});

pageTest("the agent pauses for lunch from the reasons menu, then is ready again", async () => {
  let from = await framesNow();
  await button("Pause", agent()).click();
  const menu = agent().getByRole("menu", { name: "Pause reasons" });
  // The server's statuses that pause, by their labels.
  const items = (await menu.getByRole("menuitem").allTextContents()).map((text) => text.trim());
  assert.deepEqual(items, ["Lunch", "Meeting"]);
  await shoot("pause-menu");
  await menu.getByRole("menuitem", { name: "Lunch", exact: true }).click();
  const pause = await demo.waitForFrame("pauseAgent", { from });
  assert.equal(pause.reason, "lunch");
  await agentSays("Paused: Lunch").waitFor();
  await button("Ready", agent()).waitFor();
  await until("the simulator to have the agent paused", async () => {
    const state = await demo.simState();
    return JSON.stringify(state).includes("lunch");
  });

  // Paused: three Support callers wait with nobody to take them, past the wallboard's threshold.
  const callers = [];
  for (const [number, name] of [["0700000001", "Claire Petit"], ["0700000002", "Denis Roux"], ["0700000003", ""]]) {
    callers.push(await demo.sim("queue_call", { queue: "3001", caller_number: number, caller_name: name }));
  }
  await until("the wallboard to warn about Support", async () =>
    (await region("Support", board).getAttribute("class")).includes("queue-warning"));
  await region("Support", board).getByText("Over threshold", { exact: true }).waitFor();
  await queue("Support").getByText("Over threshold", { exact: true }).waitFor();
  await shoot("paused");
  await shoot("wallboard-warning", board);

  for (const linkedId of callers) await demo.sim("queue_hangup", { linked_id: linkedId });
  await until("the Support queue to empty", async () => (await figure("Support", "Waiting")) === "0");
  from = await framesNow();
  await button("Ready", agent()).click();
  await demo.waitForFrame("unpauseAgent", { from });
  note("agent ready again; logging out");
  from = await framesNow();
  await button("Log out", agent()).click();
  await demo.waitForFrame("agentLogout", { from });
  await agentSays("Logged out").waitFor();
});
