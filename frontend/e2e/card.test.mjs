// The phone card in a real browser (Chromium), on the demo's dashboard, against a real Home
// Assistant and the XUC simulator (scripts/demo). Run: scripts/e2e, or `npm run e2e` in frontend/.
//
// The tests run in order on one demo and one page; each leaves the line idle for the next.
// Every action is checked twice: on what the simulator received, and on what the page shows.
import assert from "node:assert/strict";
import { XIVO_USER, logIn, outputPath, phoneCard, until } from "./harness.mjs";
import { browser, demo, page, pageTests } from "./page-suite.mjs";

let card;

// A failed test leaves nothing behind for the next.
const pageTest = pageTests({
  failed: (n) => `failed-${n}.png`,
  prepare: () => demo.resetLine(),
  afterEachTest: () => demo.resetLine(),
});

const region = (name) => card.getByRole("region", { name, exact: true });
const calls = () => region("Calls").getByRole("listitem");
const button = (name, scope = card) => scope.getByRole("button", { name, exact: true });
const framesNow = async () => (await demo.frames()).length;

async function noCallsAnywhere() {
  await region("Calls").getByText("No calls", { exact: true }).waitFor();
  await until("the simulator to have no call for jbond", async () => {
    const state = await demo.simState();
    return state.users[XIVO_USER].calls.length === 0;
  });
}

/** output/card-<name>.png (docs/ with scripts/e2e --screenshots): the card, from its top down
 * to the end of section `through` if given. */
async function shoot(name, through) {
  const options = { path: outputPath(`card-${name}.png`), animations: "disabled" };
  if (!through) return card.screenshot(options);
  const top = await card.boundingBox();
  const end = await region(through).boundingBox();
  const clip = { x: top.x, y: top.y, width: top.width, height: end.y + end.height + 12 - top.y };
  return page.screenshot({ ...options, clip });
}

pageTest("the dashboard shows the phone card for James Bond's line, after logging in", async () => {
  await logIn(page, demo);
  card = await phoneCard(page);
  await card.getByRole("heading", { name: "James Bond", level: 2 }).waitFor();
  await card.getByText("Connected", { exact: true }).waitFor();
  await region("Calls").getByText("No calls", { exact: true }).waitFor();
  // The monitored numbers' lamps, named after the colleagues (the demo renames the sensors).
  for (const name of ["Alice Martin", "Bob Durand"]) {
    await button(`Call ${name}`, region("Colleagues")).waitFor();
  }
  // The card is loaded from the YAML-mode resource line, not from anywhere else.
  const resources = await page.evaluate(() =>
    performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname),
  );
  assert.ok(resources.includes("/xivo/xivo-phone-card.js"), "the card's module was loaded");
  assert.deepEqual(browser.errors.map(String), []);
  await region("Recent calls").locator(".history, p.muted").first().waitFor();
  await shoot("overview"); // the whole card, README's first picture
});

pageTest("an incoming call: ringing with the caller's name, answered, timed, held, resumed, transferred", async () => {
  // A directory number without a caller name: the integration finds "Moneypenny".
  let from = await framesNow();
  await demo.sim("incoming_call", { username: XIVO_USER, caller_number: "0142424242" });
  const call = calls().filter({ hasText: "Moneypenny" });
  await call.waitFor();
  await call.getByText("Ringing", { exact: true }).waitFor();
  await call.getByText("Incoming", { exact: true }).waitFor();
  await shoot("ringing", "Colleagues");

  await button("Answer", call).click();
  const answer = await demo.waitForFrame("answer", { from });
  assert.ok(answer.uniqueId, "answer names the call it answers");
  await call.getByText("On a call", { exact: true }).waitFor();
  // The timer runs: it shows m:ss and moves on.
  const timer = call.getByRole("timer", { name: "Call duration" });
  const first = await timer.textContent();
  assert.match(first, /^\d+:\d\d$/);
  await until("the call timer to move on", async () => (await timer.textContent()) !== first, { timeout: 3000 });
  await until("the timer to pass 0:02", async () => /^\d+:(0[2-9]|[1-5]\d)$/.test(await timer.textContent()), { timeout: 4000 });
  await shoot("established", "Colleagues");

  from = await framesNow();
  await button("Hold", call).click();
  await demo.waitForFrame("hold", { from });
  await call.getByText("On hold", { exact: true }).waitFor();
  await button("Resume", call).waitFor();
  assert.equal(await button("Hold", call).count(), 0);
  await timer.waitFor(); // still counting the call's time
  await shoot("on-hold", "Colleagues");

  from = await framesNow();
  await button("Resume", call).click();
  await demo.waitForFrame("hold", { from });
  await call.getByText("On a call", { exact: true }).waitFor();
  await button("Hold", call).waitFor();

  // Transfer to a colleague found by name in the transfer field.
  from = await framesNow();
  await button("Transfer", call).click();
  const field = call.getByRole("textbox", { name: "Transfer to", exact: true });
  await field.fill("bob");
  await button("Choose Bob Durand", call).click();
  assert.equal(await field.inputValue(), "1002");
  await button("Blind transfer", call).click();
  const transfer = await demo.waitForFrame("directTransfer", { from });
  assert.equal(transfer.destination, "1002");
  await call.waitFor({ state: "detached" });
  await noCallsAnywhere();
  // Bob has Moneypenny now: his lamp is busy until she hangs up.
  const bob = region("Colleagues").locator('[data-number="1002"]');
  await bob.getByText("On a call", { exact: true }).waitFor();
  await demo.sim("remote_hangup", { username: "bob" });
  await bob.getByText("Available", { exact: true }).waitFor();
});

pageTest("a colleague's lamp calls them, and shows them busy while they are on the call", async () => {
  // The same button is "Call Alice Martin" when idle, "Transfer to Alice Martin" on a call.
  const lamp = region("Colleagues").locator('[data-number="1001"]');
  await button("Call Alice Martin", region("Colleagues")).waitFor();
  await lamp.getByText("Available", { exact: true }).waitFor();
  const from = await framesNow();
  await button("Call Alice Martin", region("Colleagues")).click();
  const dial = await demo.waitForFrame("dial", { from });
  assert.equal(dial.destination, "1001");
  const call = calls().filter({ hasText: "Alice Martin" });
  await call.getByText("Outgoing", { exact: true }).waitFor();
  await call.getByText("On a call", { exact: true }).waitFor(); // Alice answers by herself
  await lamp.getByText("On a call", { exact: true }).waitFor();
  await button("Transfer to Alice Martin", region("Colleagues")).waitFor();

  const hangupFrom = await framesNow();
  await button("Hang up", call).click();
  await demo.waitForFrame("hangup", { from: hangupFrom });
  await noCallsAnywhere();
  await lamp.getByText("Available", { exact: true }).waitFor();
  await button("Call Alice Martin", region("Colleagues")).waitFor();
});

pageTest("the dial pad finds 'ali' in the directory and calls Alice Martin", async () => {
  const dialpad = region("Dial pad");
  const from = await framesNow();
  await dialpad.getByRole("textbox", { name: "Number", exact: true }).fill("ali");
  const search = await demo.waitForFrame("searchContacts", { from });
  assert.equal(search.term, "ali");
  const alice = button("Call Alice Martin", dialpad);
  await alice.waitFor();
  await shoot("search", "Colleagues");

  const dialFrom = await framesNow();
  await alice.click();
  const dial = await demo.waitForFrame("dial", { from: dialFrom });
  assert.equal(dial.destination, "1001");
  const call = calls().filter({ hasText: "Alice Martin" });
  await call.waitFor();
  assert.equal(await dialpad.getByRole("textbox", { name: "Number", exact: true }).inputValue(), "");

  const hangupFrom = await framesNow();
  await button("Hang up", call).click();
  await demo.waitForFrame("hangup", { from: hangupFrom });
  await noCallsAnywhere();
});

pageTest("do not disturb from the card: the next incoming call does not ring", async () => {
  const dnd = region("Forwards").getByRole("switch", { name: "Do not disturb", exact: true });
  assert.equal(await dnd.isChecked(), false);
  let from = await framesNow();
  await dnd.check();
  const on = await demo.waitForFrame("dnd", { from });
  assert.equal(on.state, true);
  await until("the simulator to have DND on", async () => (await demo.simState()).users[XIVO_USER].config.dndEnabled);
  await until("the DND switch entity to be on", async () => (await demo.state("switch.james_bond_do_not_disturb")).state === "on");
  assert.equal(await dnd.isChecked(), true);
  await card.getByRole("banner").getByText("Do not disturb", { exact: true }).waitFor();
  await shoot("dnd");

  await demo.sim("incoming_call", { username: XIVO_USER, caller_number: "0467123456", caller_name: "Pizza Roma" });
  // For two seconds: no call on the card, none at the simulator, the call state stays idle.
  const until2s = Date.now() + 2000;
  while (Date.now() < until2s) {
    assert.equal(await calls().count(), 0, "the card shows no call");
    assert.equal((await demo.simState()).users[XIVO_USER].calls.length, 0, "the simulator rang nothing");
    await new Promise((done) => setTimeout(done, 200));
  }
  assert.equal((await demo.state("sensor.james_bond_call_state")).state, "idle");

  from = await framesNow();
  await dnd.uncheck();
  const off = await demo.waitForFrame("dnd", { from });
  assert.equal(off.state, false);
  await until("the DND switch entity to be off", async () => (await demo.state("switch.james_bond_do_not_disturb")).state === "off");
});

pageTest("the link to the XiVO server goes down: the card says so and disables its controls, then recovers", async () => {
  // The simulator stops listening for 3 s: the session drops, reconnections are refused.
  await demo.sim("restart", { downtime: 3 });
  await card.getByRole("alert").filter({ hasText: "No link to the XiVO server" }).waitFor();
  await card.getByText("Disconnected", { exact: true }).waitFor();
  const dialpad = region("Dial pad");
  assert.equal(await dialpad.getByRole("textbox", { name: "Number", exact: true }).isDisabled(), true);
  assert.equal(await button("Call Alice Martin", region("Colleagues")).isDisabled(), true);
  await shoot("link-down", "Colleagues");

  // Back after the client's backoff: a few seconds on a fresh demo, longer on one whose link
  // dropped again and again (the backoff only resets once a link has lasted).
  await card.locator(".chip.link-up").waitFor({ timeout: 75_000 });
  assert.equal(await card.getByRole("alert").filter({ hasText: "No link to the XiVO server" }).count(), 0);
  assert.equal(await dialpad.getByRole("textbox", { name: "Number", exact: true }).isDisabled(), false);
}, { timeout: 100_000 });
