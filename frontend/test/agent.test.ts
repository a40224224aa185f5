import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SENT_TIMEOUT_MS } from "../src/card";
import { AGENT_ID, addAgent, setAgent } from "./cc-fixtures";
import {
  DEVICE_ID,
  FakeHome,
  button,
  buttonNames,
  click,
  deferred,
  hasButton,
  mount,
  refresh,
  settle,
  text,
} from "./fixtures";

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  document.body.innerHTML = "";
  vi.useRealTimers();
});

const section = (card: Element) => card.shadowRoot!.querySelector("section.agent") as HTMLElement | null;
const agentButtons = (card: Parameters<typeof buttonNames>[0]) => buttonNames(card, section(card)!);
const stateText = (card: Parameters<typeof text>[0]) => text(card, ".agent-state");

describe("the agent section", () => {
  it("is not there for a user who is not an agent", async () => {
    const card = await mount(new FakeHome());
    expect(section(card)).toBeNull();
    expect(hasButton(card, "Log in")).toBe(false);
  });

  it("is shown by default for an agent, above the calls, and can be left out", async () => {
    const home = new FakeHome();
    addAgent(home);
    const card = await mount(home);
    const shown = [...card.shadowRoot!.querySelectorAll("section")].map((s) => s.className);
    expect(shown.slice(0, 2)).toEqual(["agent", "calls"]);
    expect(section(card)!.getAttribute("aria-labelledby")).toBe("xivo-agent-title");
    expect(text(card, "#xivo-agent-title")).toBe("Agent");
    const without = await mount(home, { sections: ["calls"] });
    expect(section(without)).toBeNull();
  });

  it("logs in: the request is shown as pending, then what the server confirmed", async () => {
    const home = new FakeHome();
    addAgent(home, { state: "logged_out" });
    const answer = deferred<unknown>();
    home.onService = () => answer.promise;
    const card = await mount(home);
    expect(stateText(card)).toBe("Agent state: Logged out");
    expect(agentButtons(card)).toEqual(["Log in"]);

    await click(card, button(card, "Log in"));
    expect(home.xivoCalls()).toEqual([{ service: "agent_login", data: { device_id: DEVICE_ID } }]);
    // While the server answers: the state asked for, marked as being sent.
    expect(stateText(card)).toBe("Agent state: Ready");
    expect(text(card, ".agent-pending")).toBe("Sending…");
    expect(section(card)!.getAttribute("aria-busy")).toBe("true");
    expect(agentButtons(card)).toEqual(["Pause", "Log out"]);

    answer.resolve({});
    setAgent(home, { state: "ready", sinceSecondsAgo: 2 });
    await refresh(card, home);
    expect(stateText(card)).toBe("Agent state: Ready");
    expect(card.shadowRoot!.querySelector(".agent-pending")).toBeNull();
    expect(section(card)!.getAttribute("aria-busy")).toBe("false");
    const timer = section(card)!.querySelector('[role="timer"]')!;
    expect(timer.getAttribute("aria-label")).toBe("Time in this state");
    expect(timer.textContent!.trim()).toBe("0:02");
  });

  it("shows the state the server confirmed when the request is refused, with the server's reason", async () => {
    const home = new FakeHome();
    addAgent(home, { state: "logged_out" });
    home.onService = async () => {
      throw { code: "home_assistant_error", message: "James Bond's line: the phone number is unknown to the server" };
    };
    const card = await mount(home);
    await click(card, button(card, "Log in"));
    await settle(card);
    expect(stateText(card)).toBe("Agent state: Logged out");
    expect(agentButtons(card)).toEqual(["Log in"]);
    expect(text(card, ".action-error")).toContain("the phone number is unknown to the server");
  });

  it("falls back on the sensor when an accepted request is never reported back", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00Z") });
    const home = new FakeHome();
    addAgent(home, { state: "ready" });
    const card = await mount(home);
    await click(card, button(card, "Log out"));
    expect(stateText(card)).toBe("Agent state: Logged out");
    await vi.advanceTimersByTimeAsync(SENT_TIMEOUT_MS);
    await settle(card);
    expect(stateText(card)).toBe("Agent state: Ready");
    expect(home.xivoCalls()).toEqual([{ service: "agent_logout", data: { device_id: DEVICE_ID } }]);
  });

  it("pauses with a reason chosen from the server's reasons, then is ready again", async () => {
    const home = new FakeHome();
    addAgent(home, { state: "ready" });
    const card = await mount(home);
    const pause = button(card, "Pause");
    expect(pause.getAttribute("aria-haspopup")).toBe("menu");
    expect(pause.getAttribute("aria-expanded")).toBe("false");
    await click(card, pause);
    expect(pause.getAttribute("aria-expanded")).toBe("true");
    const menu = card.shadowRoot!.querySelector('[role="menu"]')!;
    expect(menu.getAttribute("aria-label")).toBe("Pause reasons");
    const items = [...menu.querySelectorAll('[role="menuitem"]')] as HTMLElement[];
    expect(items.map((item) => item.textContent!.trim())).toEqual(["Lunch", "Meeting"]);
    expect(card.shadowRoot!.activeElement ?? document.activeElement).toBe(items[0]);
    expect(home.xivoCalls()).toEqual([]); // opening the menu asks nothing

    await click(card, items[0]);
    expect(home.xivoCalls()).toEqual([{ service: "agent_pause", data: { device_id: DEVICE_ID, reason: "lunch" } }]);
    expect(card.shadowRoot!.querySelector('[role="menu"]')).toBeNull();
    expect(stateText(card)).toBe("Agent state: Paused: Lunch");
    expect(card.shadowRoot!.activeElement).toBe(button(card, "Ready")); // the focus stays in the section

    setAgent(home, { state: "paused", reason: "lunch" });
    await refresh(card, home);
    expect(stateText(card)).toBe("Agent state: Paused: Lunch");
    expect(agentButtons(card)).toEqual(["Ready", "Log out"]);
    await click(card, button(card, "Ready"));
    expect(home.xivoCalls().at(-1)).toEqual({ service: "agent_unpause", data: { device_id: DEVICE_ID } });
    expect(stateText(card)).toBe("Agent state: Ready");
  });

  it("closes the reasons menu with Escape and moves through it with the arrow keys", async () => {
    const home = new FakeHome();
    addAgent(home, { state: "ready" });
    const card = await mount(home);
    await click(card, button(card, "Pause"));
    const items = [...card.shadowRoot!.querySelectorAll('[role="menuitem"]')] as HTMLElement[];
    const key = async (name: string) => {
      (card.shadowRoot!.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent("keydown", { key: name, bubbles: true }));
      await settle(card);
    };
    await key("ArrowDown");
    expect(card.shadowRoot!.activeElement).toBe(items[1]);
    await key("ArrowDown");
    expect(card.shadowRoot!.activeElement).toBe(items[0]);
    await key("Escape");
    expect(card.shadowRoot!.querySelector('[role="menu"]')).toBeNull();
    expect(card.shadowRoot!.activeElement).toBe(button(card, "Pause"));
    expect(home.xivoCalls()).toEqual([]);
  });

  it("pauses at once when the server has no reasons", async () => {
    const home = new FakeHome();
    addAgent(home, { state: "wrap_up", reasons: [] });
    const card = await mount(home);
    expect(stateText(card)).toBe("Agent state: Wrap-up");
    expect(button(card, "Pause").hasAttribute("aria-haspopup")).toBe(false);
    await click(card, button(card, "Pause"));
    expect(home.xivoCalls()).toEqual([{ service: "agent_pause", data: { device_id: DEVICE_ID } }]);
  });

  it("shows the time in the state, ticking, from the state's start", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00Z") });
    const home = new FakeHome();
    addAgent(home, { state: "paused", reason: "meeting", sinceSecondsAgo: 65 });
    const card = await mount(home);
    expect(stateText(card)).toBe("Agent state: Paused: Meeting");
    const timer = () => section(card)!.querySelector('[role="timer"]')!.textContent!.trim();
    expect(timer()).toBe("1:05");
    await vi.advanceTimersByTimeAsync(3000);
    await settle(card);
    expect(timer()).toBe("1:08");
  });

  it("says the states in words, and a state it does not know as unknown, without controls", async () => {
    const home = new FakeHome();
    addAgent(home, { state: "on_call" });
    const card = await mount(home);
    expect(stateText(card)).toBe("Agent state: On a call");
    expect(agentButtons(card)).toEqual(["Pause", "Log out"]);
    home.put(AGENT_ID, "unknown");
    await refresh(card, home);
    expect(stateText(card)).toBe("Agent state: Unknown");
    expect(agentButtons(card)).toEqual([]);
  });

  it("disables its controls while the link is down", async () => {
    const home = new FakeHome();
    addAgent(home, { state: "ready" });
    home.put("binary_sensor.bureau_1000_cti_link", "off");
    const card = await mount(home);
    const controls = [...section(card)!.querySelectorAll("button")];
    expect(controls.length).toBeGreaterThan(0);
    expect(controls.every((control) => control.disabled)).toBe(true);
  });

  it("speaks French", async () => {
    const home = new FakeHome({ language: "fr" });
    addAgent(home, { state: "logged_out" });
    const card = await mount(home);
    expect(text(card, "#xivo-agent-title")).toBe("Agent");
    expect(stateText(card)).toBe("État de l'agent: Déconnecté");
    expect(agentButtons(card)).toEqual(["Se connecter"]);
    setAgent(home, { state: "paused", reason: "lunch" });
    await refresh(card, home);
    expect(agentButtons(card)).toEqual(["Prêt", "Se déconnecter"]);
    setAgent(home, { state: "ready" });
    await refresh(card, home);
    expect(agentButtons(card)).toEqual(["Pause", "Se déconnecter"]);
  });
});
