import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { XivoPhoneCard } from "../src/card";
import { addDemoQueues, queueEntity, setQueue } from "./cc-fixtures";
import { FakeHome, mount, refresh, settle, text } from "./fixtures";

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  document.body.innerHTML = "";
  vi.useRealTimers();
});

const squash = (value: string | null | undefined) => (value ?? "").replace(/\s+/g, " ").trim();

function queue(card: XivoPhoneCard, id: string): HTMLElement {
  const found = card.shadowRoot!.querySelector(`.queue-entry[data-queue-id="${id}"]`);
  if (!found) throw new Error(`no queue ${id}`);
  return found as HTMLElement;
}

function figures(card: XivoPhoneCard, id: string): Record<string, string> {
  const pairs = [...queue(card, id).querySelectorAll(".queue-figures > div")];
  return Object.fromEntries(pairs.map((pair) => [squash(pair.querySelector("dt")!.textContent), squash(pair.querySelector("dd")!.textContent)]));
}

const callers = (card: XivoPhoneCard, id: string) =>
  [...queue(card, id).querySelectorAll(".waiting-caller")].map((li) => squash(li.textContent));

describe("the queues section", () => {
  it("is not there for a line without queues", async () => {
    const card = await mount(new FakeHome());
    expect(card.shadowRoot!.querySelector("section.queues")).toBeNull();
  });

  it("shows each of the line's queues by name: callers waiting, longest wait, available agents", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00Z") });
    const home = new FakeHome();
    addDemoQueues(
      home,
      { calls: [{ number: "0611223344", name: "Paul Durand", waited: 42 }, { number: "0755667788", name: null, waited: 7 }], available: 1 },
      { available: 0 },
    );
    const card = await mount(home);
    expect(text(card, "#xivo-queues-title")).toBe("Queues");
    const names = [...card.shadowRoot!.querySelectorAll(".queue-name")].map((h) => squash(h.textContent));
    expect(names).toEqual(["Sales", "Support"]); // not the other line's Reception
    expect(figures(card, "1")).toEqual({ Waiting: "2", "Longest wait": "0:42", Available: "1" });
    expect(figures(card, "2")).toEqual({ Waiting: "0", "Longest wait": "–", Available: "0" });
    expect(callers(card, "1")).toEqual(["Paul Durand 0611223344 0:42", "0755667788 0:07"]);
    const list = queue(card, "1").querySelector(".waiting-callers")!;
    expect(list.getAttribute("aria-label")).toBe("Callers waiting: Sales");
    expect(list.querySelector('[role="timer"]')!.getAttribute("aria-label")).toBe("Waiting time");
    expect(queue(card, "2").querySelector(".waiting-callers")).toBeNull();
  });

  it("keeps the waits running between server updates, and stops ticking once nobody waits", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00Z") });
    const home = new FakeHome();
    addDemoQueues(home, { calls: [{ number: "0611223344", name: "Paul Durand", waited: 58 }] });
    const card = await mount(home);
    expect(figures(card, "1")["Longest wait"]).toBe("0:58");
    expect(queue(card, "1").classList).not.toContain("queue-warning");
    await vi.advanceTimersByTimeAsync(3000);
    await settle(card);
    // No new hass: the wait is counted from its moment, and crossed the 60 s threshold meanwhile.
    expect(figures(card, "1")["Longest wait"]).toBe("1:01");
    expect(callers(card, "1")).toEqual(["Paul Durand 0611223344 1:01"]);
    expect(queue(card, "1").classList).toContain("queue-warning");
    expect(text(card, '.queue-entry[data-queue-id="1"] .warning-chip')).toBe("Over threshold");

    setQueue(home, "Sales", {});
    await refresh(card, home);
    expect(figures(card, "1")).toEqual({ Waiting: "0", "Longest wait": "–", Available: "1" });
    expect(queue(card, "1").classList).not.toContain("queue-warning");
    vi.clearAllTimers();
    await vi.advanceTimersByTimeAsync(5000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("counts the longest wait from the sensor's moment, else the oldest caller's, else its last update", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00Z") });
    const home = new FakeHome();
    addDemoQueues(home, { calls: [{ number: "0611223344", name: null, waited: 20 }], longestSecondsAgo: 30 });
    const card = await mount(home);
    expect(figures(card, "1")["Longest wait"]).toBe("0:30"); // the sensor's waiting_since
    home.put(queueEntity("Sales", "longest_wait"), "30", { waiting_since: null });
    await refresh(card, home);
    expect(figures(card, "1")["Longest wait"]).toBe("0:20"); // the oldest caller's waiting_since
    setQueue(home, "Sales", { waiting: 1, longestSecondsAgo: 40 });
    home.put(queueEntity("Sales", "longest_wait"), "40", { waiting_since: null });
    home.states[queueEntity("Sales", "longest_wait")].last_updated = new Date(Date.now() - 5000).toISOString();
    await refresh(card, home);
    expect(figures(card, "1")["Longest wait"]).toBe("0:45"); // 40 s five seconds ago
  });

  it("turns a queue to the warning colour at the card's thresholds (default 3 callers)", async () => {
    const home = new FakeHome();
    const three = [1, 2, 3].map((n) => ({ number: `060000000${n}`, name: null, waited: n }));
    addDemoQueues(home, { calls: three.slice(0, 2) }, { calls: three });
    const card = await mount(home);
    expect(queue(card, "1").classList).not.toContain("queue-warning");
    expect(queue(card, "2").classList).toContain("queue-warning");

    const strict = await mount(home, { waiting_warning: 2, wait_warning: 600 });
    expect(queue(strict, "1").classList).toContain("queue-warning");
    const lax = await mount(home, { waiting_warning: 10, wait_warning: 2 });
    expect(queue(lax, "1").classList).toContain("queue-warning"); // the longest waited 2 s
    const none = await mount(home, { waiting_warning: 10, wait_warning: 600 });
    expect(queue(none, "2").classList).not.toContain("queue-warning");
  });

  it("follows a queue sensor's change, and ignores a change elsewhere", async () => {
    const home = new FakeHome();
    addDemoQueues(home);
    const card = await mount(home);
    expect(figures(card, "2").Available).toBe("1");
    const updates = vi.spyOn(card as unknown as { render(): unknown }, "render");
    home.put("sensor.kitchen_temperature", "22");
    await refresh(card, home);
    expect(updates).not.toHaveBeenCalled();
    home.put(queueEntity("Support", "available_agents"), "3");
    await refresh(card, home);
    expect(figures(card, "2").Available).toBe("3");
  });

  it("shows dashes while the link is down", async () => {
    const home = new FakeHome();
    addDemoQueues(home, { unavailable: true });
    const card = await mount(home);
    expect(figures(card, "1")).toEqual({ Waiting: "–", "Longest wait": "–", Available: "–" });
  });

  it("uses the names the user gave the queues' devices, and speaks French", async () => {
    const home = new FakeHome({ language: "fr" });
    addDemoQueues(home, { calls: [{ number: "0611223344", name: null, waited: 5 }] });
    home.devices = { ...home.devices, [Object.keys(home.devices).find((id) => home.devices[id].name === "Sales")!]: {
      ...Object.values(home.devices).find((device) => device.name === "Sales")!, name_by_user: "Ventes" } };
    const card = await mount(home);
    expect(text(card, "#xivo-queues-title")).toBe("Files d'attente");
    expect(Object.keys(figures(card, "1"))).toEqual(["En attente", "Attente la plus longue", "Disponibles"]);
    expect(squash(queue(card, "1").querySelector(".queue-name")!.textContent)).toBe("Ventes");
  });

  it("refuses thresholds that are not numbers", async () => {
    const card = document.createElement("xivo-phone-card") as XivoPhoneCard;
    const config = { type: "custom:xivo-phone-card", device_id: "x" };
    expect(() => card.setConfig({ ...config, waiting_warning: "3" as never })).toThrow(/waiting_warning/);
    expect(() => card.setConfig({ ...config, wait_warning: -1 })).toThrow(/wait_warning/);
    expect(() => card.setConfig({ ...config, waiting_warning: 0, wait_warning: 30 })).not.toThrow();
  });
});
