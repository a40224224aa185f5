import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { HISTORY_REFRESH_DELAY_MS, HISTORY_SIZE, SENT_TIMEOUT_MS } from "../src/card";
import { cardStyles } from "../src/styles";
import {
  DEVICE_ID,
  ENTITY,
  FakeHome,
  button,
  call,
  click,
  field,
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

const history = {
  calls: [
    { start: "2026-12-01T09:58:00+01:00", duration: 0, direction: "incoming", status: "missed", number: "0612345678", name: "Jeanne Martin" },
    { start: "2026-12-01T09:40:00+01:00", duration: 125, direction: "outgoing", status: "emitted", number: "1002", name: null },
    { start: "2026-11-30T17:05:00+01:00", duration: 61, direction: "incoming", status: "answered", number: null, name: null },
  ],
};

describe("recent calls", () => {
  it("loads the history when first shown, marks missed calls, and calls back", async () => {
    const home = new FakeHome({ missed: 1 });
    home.onResponse = async () => history;
    const card = await mount(home);
    expect(home.responseCalls("get_call_history")).toEqual([{ device_id: DEVICE_ID, size: HISTORY_SIZE }]);
    const items = [...card.shadowRoot!.querySelectorAll(".history-item")];
    expect(items).toHaveLength(3);
    expect(items[0].classList).toContain("missed");
    expect(items[0].textContent).toContain("Missed");
    expect(items[0].textContent).toContain("Jeanne Martin");
    expect(items[1].classList).not.toContain("missed");
    expect(items[1].textContent).toContain("Outgoing");
    expect(items[1].textContent).toContain("2:05");
    expect(items[2].textContent).toContain("Unknown number");
    expect(items[2].querySelector("button")).toBeNull(); // no number to call back

    await click(card, button(card, "Call back Jeanne Martin"));
    await click(card, button(card, "Call back 1002"));
    expect(home.xivoCalls()).toEqual([
      { service: "dial", data: { device_id: DEVICE_ID, destination: "0612345678" } },
      { service: "dial", data: { device_id: DEVICE_ID, destination: "1002" } },
    ]);
  });

  it("loads it again after a call ends", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00Z") });
    const home = new FakeHome({ calls: [call("1.5", "established", { answeredSecondsAgo: 30 })] });
    const card = await mount(home);
    expect(home.responseCalls("get_call_history")).toHaveLength(1);
    home.setCalls([]);
    await refresh(card, home);
    await vi.advanceTimersByTimeAsync(HISTORY_REFRESH_DELAY_MS - 1);
    expect(home.responseCalls("get_call_history")).toHaveLength(1);
    home.onResponse = async () => history;
    await vi.advanceTimersByTimeAsync(1);
    await settle(card);
    expect(home.responseCalls("get_call_history")).toHaveLength(2);
    expect(card.shadowRoot!.querySelectorAll(".history-item")).toHaveLength(3);
  });

  it("loads it when the link comes back, not while it is down", async () => {
    const home = new FakeHome({ connected: false });
    const card = await mount(home);
    expect(home.responseCalls("get_call_history")).toHaveLength(0);
    home.put(ENTITY.connected, "on");
    await refresh(card, home);
    expect(home.responseCalls("get_call_history")).toHaveLength(1);
  });

  it("says why the history could not be loaded", async () => {
    const home = new FakeHome();
    home.onResponse = async () => {
      throw { code: "home_assistant_error", message: "Timed out" };
    };
    const card = await mount(home);
    expect(text(card, ".history-error")).toBe("Could not load the recent calls: Timed out");
  });

  it("shows the missed-call count and resets it with the button entity", async () => {
    const home = new FakeHome({ missed: 3 });
    const card = await mount(home);
    expect(text(card, ".missed-count")).toBe("Missed calls since the last reset: 3");
    await click(card, button(card, "Reset missed calls"));
    expect(home.serviceCalls).toEqual([
      { domain: "button", service: "press", data: { entity_id: ENTITY.reset_missed_calls } },
    ]);
    home.put(ENTITY.missed_calls, "0");
    await refresh(card, home);
    expect(text(card, ".missed-count")).toBe("Missed calls since the last reset: 0");
    expect(button(card, "Reset missed calls").disabled).toBe(true);
  });
});

describe("forwards and do not disturb", () => {
  it("turns DND on and off through set_dnd", async () => {
    const home = new FakeHome();
    const card = await mount(home, { sections: ["forwards"] });
    const dnd = field(card, "Do not disturb");
    expect(dnd.type).toBe("checkbox");
    expect(dnd.getAttribute("role")).toBe("switch");
    expect(dnd.checked).toBe(false);
    await click(card, dnd);
    expect(home.xivoCalls()).toEqual([{ service: "set_dnd", data: { device_id: DEVICE_ID, enabled: true } }]);
    home.put(ENTITY.dnd, "on");
    await refresh(card, home);
    expect(field(card, "Do not disturb").checked).toBe(true);
    await click(card, field(card, "Do not disturb"));
    expect(home.xivoCalls()[1]).toEqual({ service: "set_dnd", data: { device_id: DEVICE_ID, enabled: false } });
  });

  it("shows the value sent until the server reports, or for 10 s when it never does", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00Z") });
    const home = new FakeHome({ forwards: { busy: { enabled: true, destination: "1009" } } });
    const card = await mount(home, { sections: ["forwards"] });
    await click(card, field(card, "Do not disturb"));
    await refresh(card, home); // an unrelated re-render must not flip it back
    home.put("sensor.kitchen_temperature", "19");
    await refresh(card, home);
    expect(field(card, "Do not disturb").checked).toBe(true);
    await vi.advanceTimersByTimeAsync(SENT_TIMEOUT_MS);
    await settle(card);
    expect(field(card, "Do not disturb").checked).toBe(false);

    const destination = field(card, "Busy forward destination");
    destination.value = "1010";
    destination.dispatchEvent(new Event("input", { bubbles: true }));
    destination.dispatchEvent(new Event("change", { bubbles: true }));
    await settle(card);
    expect(field(card, "Busy forward destination").value).toBe("1010");
    home.put(ENTITY.busy_forward_destination, "1010");
    await refresh(card, home);
    expect(field(card, "Busy forward destination").value).toBe("1010");
  });

  it("goes back to the real DND state when set_dnd fails", async () => {
    const home = new FakeHome();
    home.onService = async () => {
      throw { message: "Not allowed" };
    };
    const card = await mount(home, { sections: ["forwards"] });
    await click(card, field(card, "Do not disturb"));
    expect(field(card, "Do not disturb").checked).toBe(false);
    expect(text(card, ".action-error")).toContain("Not allowed");
  });

  it("turns a forward on to its destination, and off", async () => {
    const home = new FakeHome({ forwards: { no_answer: { enabled: false, destination: "1009" } } });
    const card = await mount(home, { sections: ["forwards"] });
    expect(field(card, "No answer forward destination").value).toBe("1009");
    await click(card, field(card, "Forward on no answer"));
    expect(home.xivoCalls()).toEqual([
      { service: "set_forward", data: { device_id: DEVICE_ID, forward: "no_answer", enabled: true, destination: "1009" } },
    ]);
    home.put(ENTITY.no_answer_forward, "on");
    await refresh(card, home);
    await click(card, field(card, "Forward on no answer"));
    expect(home.xivoCalls()[1]).toEqual({
      service: "set_forward",
      data: { device_id: DEVICE_ID, forward: "no_answer", enabled: false },
    });
  });

  it("uses a destination typed before turning the forward on", async () => {
    const home = new FakeHome();
    const card = await mount(home, { sections: ["forwards"] });
    const destination = field(card, "Unconditional forward destination");
    destination.value = "0611223344";
    destination.dispatchEvent(new Event("input", { bubbles: true }));
    await click(card, field(card, "Unconditional forward"));
    expect(home.xivoCalls()).toEqual([
      { service: "set_forward", data: { device_id: DEVICE_ID, forward: "unconditional", enabled: true, destination: "0611223344" } },
    ]);
  });

  it("asks for a destination before turning a forward on", async () => {
    const home = new FakeHome();
    const card = await mount(home, { sections: ["forwards"] });
    await click(card, field(card, "Forward on busy"));
    expect(home.xivoCalls()).toEqual([]);
    expect(field(card, "Forward on busy").checked).toBe(false);
    expect(text(card, ".action-error")).toContain("Type a destination before turning this forward on.");
  });

  it("saves an edited destination, keeping the forward's state", async () => {
    const home = new FakeHome({ forwards: { busy: { enabled: true, destination: "1009" } } });
    const card = await mount(home, { sections: ["forwards"] });
    expect(field(card, "Forward on busy").checked).toBe(true);
    const destination = field(card, "Busy forward destination");
    destination.value = "1010";
    destination.dispatchEvent(new Event("input", { bubbles: true }));
    destination.dispatchEvent(new Event("change", { bubbles: true }));
    await settle(card);
    expect(home.xivoCalls()).toEqual([
      { service: "set_forward", data: { device_id: DEVICE_ID, forward: "busy", enabled: true, destination: "1010" } },
    ]);
  });

  it("keeps the typed destination when saving it fails", async () => {
    const home = new FakeHome({ forwards: { busy: { enabled: true, destination: "1009" } } });
    home.onService = async () => {
      throw { message: "Invalid destination" };
    };
    const card = await mount(home, { sections: ["forwards"] });
    const destination = field(card, "Busy forward destination");
    destination.value = "10x";
    destination.dispatchEvent(new Event("input", { bubbles: true }));
    destination.dispatchEvent(new Event("change", { bubbles: true }));
    await settle(card);
    expect(field(card, "Busy forward destination").value).toBe("10x");
    expect(text(card, ".action-error")).toContain("Invalid destination");
  });

  it("shows destination boxes as fields to fill in, not as disabled ones", async () => {
    const card = await mount(new FakeHome(), { sections: ["forwards"] });
    for (const name of ["Unconditional forward destination", "No answer forward destination", "Busy forward destination"]) {
      const box = field(card, name);
      expect(box.disabled).toBe(false);
      expect(box.placeholder).toBe("Number");
    }
    // Home Assistant's input fill is the grey of its disabled fields: the boxes keep the card's colours.
    expect(cardStyles.cssText).not.toContain("--input-fill-color");
  });

  it("is in French too", async () => {
    const card = await mount(new FakeHome({ language: "fr" }), { sections: ["forwards"] });
    expect(field(card, "Ne pas déranger").getAttribute("role")).toBe("switch");
    expect(field(card, "Renvoi inconditionnel")).toBeTruthy();
    expect(hasButton(card, "Appeler")).toBe(false); // the dial pad is not shown
  });
});
