import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { XivoPhoneCard } from "../src/card";
import { XivoPhoneLamp } from "../src/lamp";
import {
  DEVICE_ID,
  FakeHome,
  button,
  call,
  click,
  hasButton,
  hintId,
  mount,
  refresh,
  settle,
} from "./fixtures";

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  document.body.innerHTML = "";
  vi.restoreAllMocks();
});

const lamp = (card: Element, number: string) =>
  card.shadowRoot!.querySelector(`[data-number="${number}"]`) as HTMLButtonElement;

describe("colleagues' busy lamps", () => {
  it("shows every monitored number, coloured by status", async () => {
    const home = new FakeHome({
      hints: { "1010": "available", "1002": "busy", "1003": "ringing", "1004": "on_hold", "1005": "unreachable", "1006": "unknown" },
    });
    const card = await mount(home);
    const numbers = [...card.shadowRoot!.querySelectorAll("[data-number]")].map((l) => l.getAttribute("data-number"));
    expect(numbers).toEqual(["1002", "1003", "1004", "1005", "1006", "1010"]);
    expect(lamp(card, "1010").classList).toContain("status-available");
    expect(lamp(card, "1002").classList).toContain("status-busy");
    expect(lamp(card, "1003").classList).toContain("status-ringing");
    expect(lamp(card, "1004").classList).toContain("status-on_hold");
    expect(lamp(card, "1005").classList).toContain("status-unreachable");
    expect(lamp(card, "1006").classList).toContain("status-unknown");
    expect(lamp(card, "1002").textContent).toContain("Busy");
    expect(lamp(card, "1002").getAttribute("aria-label")).toBe("Call 1002");

    home.put(hintId("1010"), "calling");
    await refresh(card, home);
    expect(lamp(card, "1010").classList).toContain("status-calling");
    expect(lamp(card, "1010").classList).not.toContain("status-available");
  });

  it("shows statuses in Home Assistant's words, once its translations have loaded", async () => {
    const home = new FakeHome({ hints: { "1001": "calling" } });
    const card = await mount(home);
    expect(lamp(card, "1001").textContent).toContain("On a call");
    // Before the integration's translations arrive the frontend shows raw states.
    card.hass = { ...home.hass(), localize: () => "", formatEntityState: (stateObj) => stateObj.state };
    await settle(card);
    expect(lamp(card, "1001").textContent).toContain("calling");
    await refresh(card, home);
    expect(lamp(card, "1001").textContent).toContain("On a call");
    expect(lamp(card, "1001").textContent).not.toContain("calling");
  });

  it("calls a colleague when tapped", async () => {
    const home = new FakeHome({ hints: { "1001": "available" } });
    const card = await mount(home);
    await click(card, button(card, "Call 1001"));
    expect(home.xivoCalls()).toEqual([{ service: "dial", data: { device_id: DEVICE_ID, destination: "1001" } }]);
  });

  it("transfers the current call to a colleague while on a call", async () => {
    const home = new FakeHome({ hints: { "1001": "available" }, calls: [call("1.5", "established", { answeredSecondsAgo: 3 })] });
    const card = await mount(home);
    expect(hasButton(card, "Call 1001")).toBe(false);
    await click(card, button(card, "Transfer to 1001"));
    expect(home.xivoCalls()).toEqual([{ service: "direct_transfer", data: { device_id: DEVICE_ID, destination: "1001" } }]);
    home.setCalls([]);
    await refresh(card, home);
    expect(hasButton(card, "Call 1001")).toBe(true);
  });

  it("uses the name the user gave the hint entity", async () => {
    const home = new FakeHome({ hints: { "1001": "available" } });
    home.entities = { ...home.entities, [hintId("1001")]: { ...home.entities[hintId("1001")], name: "Alice" } };
    const card = await mount(home);
    expect(lamp(card, "1001").getAttribute("aria-label")).toBe("Call Alice");
    expect(lamp(card, "1001").textContent).toContain("Alice");
  });

  it("shows the configured numbers only, in the configured order", async () => {
    const home = new FakeHome({ hints: { "1001": "available", "1002": "busy", "1003": "ringing" } });
    const card = await mount(home, { colleagues: ["1003", "1001", "1999"] });
    const numbers = [...card.shadowRoot!.querySelectorAll("[data-number]")].map((l) => l.getAttribute("data-number"));
    expect(numbers).toEqual(["1003", "1001", "1999"]);
    expect(lamp(card, "1999").classList).toContain("status-unknown");
  });

  it("finds the number from the entity id when the attribute is missing", async () => {
    const home = new FakeHome({ hints: { "1001": "available" } });
    home.put(hintId("1001"), "busy", { number: undefined });
    const card = await mount(home);
    expect(lamp(card, "1001").classList).toContain("status-busy");
  });

  it("has no colleagues section when no number is monitored", async () => {
    const card = await mount(new FakeHome());
    expect(card.shadowRoot!.querySelector(".colleagues")).toBeNull();
  });
});

describe("a 100-lamp grid", () => {
  it("re-renders one status change in one lamp, well under a frame", async () => {
    const hints: Record<string, string> = {};
    for (let i = 0; i < 100; i++) hints[String(2000 + i)] = i % 3 ? "available" : "busy";
    const home = new FakeHome({ hints });
    const card = await mount(home);
    expect(card.shadowRoot!.querySelectorAll("[data-number]")).toHaveLength(100);
    const before = [...card.shadowRoot!.querySelectorAll("[data-number]")];

    // The time spent rendering: the card's update and the lamps' (the rest is the test waiting).
    let spent = 0;
    const timed = (proto: object) => {
      const target = proto as { update: (...args: unknown[]) => void };
      const original = target.update;
      return vi.spyOn(target, "update").mockImplementation(function (this: unknown, ...args: unknown[]) {
        const start = performance.now();
        try {
          original.apply(this, args);
        } finally {
          spent += performance.now() - start;
        }
      });
    };
    timed(XivoPhoneCard.prototype);
    const lampUpdates = timed(XivoPhoneLamp.prototype);

    const timings: number[] = [];
    for (let round = 0; round < 41; round++) {
      home.put(hintId("2042"), round % 2 ? "available" : "ringing");
      spent = 0;
      await refresh(card, home);
      timings.push(spent);
    }
    expect(lampUpdates).toHaveBeenCalledTimes(41); // one lamp per change, not a hundred
    expect(lamp(card, "2042").classList).toContain("status-ringing");
    const after = [...card.shadowRoot!.querySelectorAll("[data-number]")];
    expect(after.every((node, i) => node === before[i])).toBe(true); // no lamp rebuilt
    timings.sort((a, b) => a - b);
    expect(timings[20]).toBeLessThan(16); // the median, so that a GC pause does not count
  });
});
