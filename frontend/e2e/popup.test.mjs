// The incoming-call popup in a real browser (Chromium), on pages without the phone card (the
// integrations page, the map), against a real Home Assistant and the XUC simulator (scripts/demo).
// Run: scripts/e2e, or `npm run e2e` in frontend/.
//
// The demo's `demo` user set the line up, so the entry's option shows them the popup. The tests
// run in order on one demo and one page; each leaves the line idle for the next.
import assert from "node:assert/strict";
import { XIVO_USER, logIn, note, openBrowser, outputPath, until } from "./harness.mjs";
import { browser, demo, page, pageTests } from "./page-suite.mjs";

const CALL_STATE = "sensor.james_bond_call_state";
const GUEST = { name: "Guest", username: "guest", password: "guest1234" };

const pageTest = pageTests({
  failed: (n) => `failed-popup-${n}.png`,
  viewport: { width: 1280, height: 900 },
  prepare: () => demo.resetLine(),
  afterEachTest: () => demo.resetLine(),
});

const popups = (on = page) => on.getByRole("alertdialog", { name: /^Incoming call/ });
const popupFor = (name, on = page) => on.getByRole("alertdialog", { name: `Incoming call ${name}`, exact: true });
const framesNow = async () => (await demo.frames()).length;

/** The unique_id of the call ringing from `number`, as the line's call state sensor lists it. */
async function uniqueIdOf(number) {
  return until(`a ringing call from ${number} on the call state sensor`, async () => {
    const { attributes } = await demo.state(CALL_STATE);
    return attributes.calls?.find((call) => call.other_number === number && call.state === "ringing")?.unique_id;
  });
}

/** For `ms`: no popup on the page, while the sensor says what `ringing` expects. */
async function noPopupFor(ms, on = page) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    assert.equal(await popups(on).count(), 0, "no popup on the page");
    await new Promise((done) => setTimeout(done, 200));
  }
}

/** The entry's popup_users option, through the options flow as the UI sends it. */
async function choose(userIds) {
  const [entry] = await demo.api("GET", "/api/config/config_entries/entry?domain=xivo");
  const flow = await demo.api("POST", "/api/config/config_entries/options/flow", { handler: entry.entry_id });
  const result = await demo.api("POST", `/api/config/config_entries/options/flow/${flow.flow_id}`, {
    monitored_numbers: ["1001", "1002"],
    popup_users: userIds,
  });
  assert.equal(result.type, "create_entry", JSON.stringify(result));
  await until("the line to be back after the reload", async () => (await demo.state(CALL_STATE)).state !== "unavailable");
}

pageTest("a call rings: the popup shows on the integrations page, then on the map; Answer answers that call", async () => {
  await logIn(page, demo);
  await page.goto(`${demo.haUrl}/config/integrations/dashboard`);
  await page.getByText("XiVO").first().waitFor({ timeout: 30_000 });

  // A number only: the name comes from the XiVO directory.
  await demo.sim("incoming_call", { username: XIVO_USER, caller_number: "0142424242" });
  const dialog = popupFor("Moneypenny");
  await dialog.waitFor();
  await dialog.getByText("0142424242 · On the line of James Bond", { exact: true }).waitFor();
  // The focus moved into it: a keyboard reaches Answer with one Tab.
  assert.equal(await dialog.evaluate((element) => element.getRootNode().activeElement === element), true);
  await page.screenshot({ path: outputPath("popup-integrations.png") });

  // Another page, loaded afresh: the call still rings, the popup is there too.
  await page.goto(`${demo.haUrl}/map`);
  await popupFor("Moneypenny").waitFor({ timeout: 30_000 });
  const uniqueId = await uniqueIdOf("0142424242");
  const from = await framesNow();
  await popupFor("Moneypenny").getByRole("button", { name: "Answer", exact: true }).click();
  const answer = await demo.waitForFrame("answer", { from });
  assert.equal(answer.uniqueId, uniqueId, "answer names that call");
  await popups().first().waitFor({ state: "detached" });
  await until("the call to be established", async () => (await demo.state(CALL_STATE)).state === "established");
  assert.deepEqual(browser.errors.map(String), []);
});

pageTest("two calls: each has its popup; Decline hangs up that call only", async () => {
  await demo.sim("incoming_call", { username: XIVO_USER, caller_number: "0611111111", caller_name: "First Caller" });
  await popupFor("First Caller").waitFor();
  await demo.sim("incoming_call", { username: XIVO_USER, caller_number: "0622222222", caller_name: "Second Caller" });
  await popupFor("Second Caller").waitFor();
  assert.equal(await popups().count(), 2);
  await page.screenshot({ path: outputPath("popup-two-calls.png") });

  const second = await uniqueIdOf("0622222222");
  const from = await framesNow();
  await popupFor("Second Caller").getByRole("button", { name: "Decline", exact: true }).click();
  const hangup = await demo.waitForFrame("hangup", { from });
  assert.equal(hangup.uniqueId, second, "hangup names the declined call");
  await popupFor("Second Caller").waitFor({ state: "detached" });
  assert.equal(await popupFor("First Caller").isVisible(), true);
  await until("the first call alone at the simulator", async () => {
    const calls = (await demo.simState()).users[XIVO_USER].calls;
    return calls.length === 1;
  });
  assert.equal((await demo.frames()).slice(from).filter((frame) => frame.command === "hangup").length, 1);
});

pageTest("a call answered on the desk phone closes its popup; Escape hides one without hanging up", async () => {
  const linkedId = await demo.sim("incoming_call", { username: XIVO_USER, caller_number: "0633333333", caller_name: "Desk Caller" });
  await popupFor("Desk Caller").waitFor();
  await demo.sim("remote_answer", { username: XIVO_USER, linked_id: linkedId });
  await popupFor("Desk Caller").waitFor({ state: "detached" });
  await demo.sim("remote_hangup", { username: XIVO_USER });

  await demo.sim("incoming_call", { username: XIVO_USER, caller_number: "0644444444", caller_name: "Escaped Caller" });
  await popupFor("Escaped Caller").waitFor();
  const from = await framesNow();
  await page.keyboard.press("Escape");
  await popupFor("Escaped Caller").waitFor({ state: "detached" });
  assert.equal((await demo.state(CALL_STATE)).state, "ringing", "the call still rings");
  assert.deepEqual((await demo.frames()).slice(from).filter((frame) => ["hangup", "answer"].includes(frame.command)), []);
});

pageTest("do not disturb: no popup", async () => {
  await demo.sim("incoming_call", { username: XIVO_USER, caller_number: "0655555555", caller_name: "Before DND" });
  await popupFor("Before DND").waitFor();
  // DND turned on while it rings: the popup goes.
  await demo.api("POST", "/api/services/switch/turn_on", { entity_id: "switch.james_bond_do_not_disturb" });
  await popupFor("Before DND").waitFor({ state: "detached" });
  await demo.sim("remote_hangup", { username: XIVO_USER });

  await demo.sim("incoming_call", { username: XIVO_USER, caller_number: "0666666666", caller_name: "During DND" });
  await noPopupFor(2000);
});

pageTest("a user who is not chosen sees no popup; chosen in the options, their open page shows the next call", async () => {
  // Another person of the household: not an administrator, not chosen.
  const users = await page.evaluate(() => document.querySelector("home-assistant").hass.callWS({ type: "config/auth/list" }));
  const demoUser = users.find((user) => user.username === "demo");
  let guest = users.find((user) => user.username === GUEST.username);
  if (!guest) {
    guest = await page.evaluate(
      (guest) =>
        document
          .querySelector("home-assistant")
          .hass.callWS({ type: "config/auth/create", name: guest.name, group_ids: ["system-users"], local_only: false })
          .then(async ({ user }) => {
            await document.querySelector("home-assistant").hass.callWS({
              type: "config/auth_provider/homeassistant/create",
              user_id: user.id,
              username: guest.username,
              password: guest.password,
            });
            return user;
          }),
      GUEST,
    );
  }
  const other = await openBrowser({ viewport: { width: 1280, height: 900 } });
  try {
    const guestPage = other.page;
    await guestPage.goto(`${demo.haUrl}/`);
    await guestPage.getByLabel("Username").waitFor({ timeout: 30_000 });
    await guestPage.getByLabel("Username").fill(GUEST.username);
    await guestPage.getByLabel("Password", { exact: true }).fill(GUEST.password);
    await guestPage.getByRole("button", { name: "Log in" }).click();
    await guestPage.waitForURL(/\/lovelace/, { timeout: 30_000 });
    await guestPage.goto(`${demo.haUrl}/map`);
    await guestPage.locator("xivo-call-popup").waitFor({ state: "attached", timeout: 30_000 });

    await demo.sim("incoming_call", { username: XIVO_USER, caller_number: "0677777777", caller_name: "Only For Demo" });
    await popupFor("Only For Demo").waitFor(); // the chosen user's page
    await noPopupFor(2000, guestPage);
    await demo.sim("remote_hangup", { username: XIVO_USER });
    await popupFor("Only For Demo").waitFor({ state: "detached" });

    // Chosen now, with no page reload: the next call finds the guest too.
    await choose([demoUser.id, guest.id]);
    await demo.sim("incoming_call", { username: XIVO_USER, caller_number: "0688888888", caller_name: "For Both" });
    await popupFor("For Both", guestPage).waitFor({ timeout: 15_000 });
    await popupFor("For Both").waitFor();
    assert.deepEqual(other.errors.map(String), []);
  } finally {
    await other.close();
    await choose([demoUser.id]).catch((error) => note(`could not restore the option: ${error.message}`));
  }
}, { timeout: 120_000 });

pageTest("on a phone-sized screen the popup fits the width", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.goto(`${demo.haUrl}/map`);
    await page.locator("xivo-call-popup").waitFor({ state: "attached", timeout: 30_000 });
    await demo.sim("incoming_call", { username: XIVO_USER, caller_number: "0142424242" });
    const dialog = popupFor("Moneypenny");
    await dialog.waitFor();
    const box = await dialog.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 390, `the popup (${box.x}..${box.x + box.width}) fits 390 px`);
    const answer = await dialog.getByRole("button", { name: "Answer", exact: true }).boundingBox();
    assert.ok(answer.height >= 40, "a button big enough for a finger");
    await page.screenshot({ path: outputPath("popup-phone.png") });
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});
