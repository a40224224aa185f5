import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  DEVICE_ID,
  ENTITY,
  FakeHome,
  button,
  buttonNames,
  buttons,
  call,
  click,
  field,
  hasButton,
  mount,
  refresh,
  row,
  settle,
  text,
  type,
} from "./fixtures";

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  document.body.innerHTML = "";
  vi.useRealTimers();
});

describe("header and idle line", () => {
  it("shows the line's name, number, phone status and link, and no call", async () => {
    const card = await mount(new FakeHome());
    expect(text(card, ".line-name")).toBe("Bureau 1000");
    expect(text(card, ".line-number")).toBe("1000");
    expect(text(card, ".phone-status")).toBe("Phone status: Available");
    expect(card.shadowRoot!.querySelector(".phone-status")!.classList).toContain("status-available");
    expect(text(card, ".link")).toBe("Connected");
    expect(text(card, ".calls")).toContain("No calls");
    expect(card.shadowRoot!.querySelectorAll("[data-unique-id]")).toHaveLength(0);
    for (const name of ["Answer", "Hang up", "Hold", "Resume", "Conference"]) expect(hasButton(card, name)).toBe(false);
  });

  it("prefers the name the user gave the device", async () => {
    const home = new FakeHome();
    home.devices = { ...home.devices, [DEVICE_ID]: { ...home.devices[DEVICE_ID], name_by_user: "Mon poste" } };
    const card = await mount(home);
    expect(text(card, ".line-name")).toBe("Mon poste");
  });

  it("shows new voicemail", async () => {
    const card = await mount(new FakeHome({ voicemail: 2 }));
    expect(text(card, ".voicemail")).toBe("New voicemail: 2");
  });

  it("says in the header when do not disturb is on", async () => {
    const off = await mount(new FakeHome());
    expect(off.shadowRoot!.querySelector(".dnd-on")).toBeNull();
    document.body.innerHTML = "";
    const on = await mount(new FakeHome({ dnd: true }));
    expect(text(on, ".dnd-on")).toBe("Do not disturb");
    document.body.innerHTML = "";
    const down = await mount(new FakeHome({ dnd: true, connected: false }));
    expect(down.shadowRoot!.querySelector(".dnd-on")).toBeNull();
  });

  it("says in the header when calls are forwarded unconditionally, and where to", async () => {
    const off = await mount(new FakeHome({ forwards: { unconditional: { enabled: false, destination: "0611223344" } } }));
    expect(off.shadowRoot!.querySelector(".forward-on")).toBeNull();
    document.body.innerHTML = "";
    const home = new FakeHome({ forwards: { unconditional: { enabled: true, destination: "0611223344" } } });
    const on = await mount(home);
    expect(text(on, ".forward-on")).toBe("Forwarded to 0611223344");
    home.put(ENTITY.unconditional_forward, "off");
    await refresh(on, home);
    expect(on.shadowRoot!.querySelector(".forward-on")).toBeNull();
    document.body.innerHTML = "";
    const fr = await mount(new FakeHome({ language: "fr", forwards: { unconditional: { enabled: true, destination: "1002" } } }));
    expect(text(fr, ".forward-on")).toBe("Renvoyé vers 1002");
  });

  it("says so when the device has no XiVO line", async () => {
    const home = new FakeHome();
    const card = document.createElement("xivo-phone-card") as Awaited<ReturnType<typeof mount>>;
    card.setConfig({ type: "custom:xivo-phone-card", device_id: "not-a-line" });
    card.hass = home.hass();
    document.body.append(card);
    await settle(card);
    expect(text(card)).toContain("No XiVO line found for this device");
    expect(buttons(card)).toHaveLength(0);
  });
});

describe("a ringing call", () => {
  it("offers Answer, which answers that call", async () => {
    const home = new FakeHome({ calls: [call("1700000001.12", "ringing", { queue: "sales" })], phoneStatus: "ringing" });
    const card = await mount(home);
    const ringing = row(card, "1700000001.12");
    expect(ringing.querySelector(".party")!.textContent).toBe("Jeanne Martin");
    expect(ringing.textContent).toContain("0612345678");
    expect(ringing.textContent).toContain("Incoming");
    expect(ringing.textContent).toContain("Queue sales");
    expect(ringing.textContent).toContain("Ringing");
    expect(buttonNames(card, ringing)).toEqual(["Answer", "Hang up"]);
    expect(ringing.querySelector('[role="timer"]')).toBeNull();

    await click(card, button(card, "Answer"));
    expect(home.xivoCalls()).toEqual([
      { service: "answer", data: { device_id: DEVICE_ID, unique_id: "1700000001.12" } },
    ]);
    await click(card, button(card, "Hang up"));
    expect(home.xivoCalls()[1]).toEqual({ service: "hangup", data: { device_id: DEVICE_ID, unique_id: "1700000001.12" } });
  });

  it("shows the number when the name is unknown, and no Answer on an outgoing call", async () => {
    const home = new FakeHome({
      calls: [call("1.1", "dialing", { direction: "outgoing", other_name: null, other_number: "1002", name_source: null })],
    });
    const card = await mount(home);
    const dialing = row(card, "1.1");
    expect(dialing.querySelector(".party")!.textContent).toBe("1002");
    expect(dialing.textContent).toContain("Outgoing");
    expect(dialing.textContent).toContain("Dialing");
    expect(buttonNames(card, dialing)).toEqual(["Hang up"]);
  });
});

describe("an established call", () => {
  it("runs a timer from answered_at, ticking each second", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00Z") });
    const home = new FakeHome({ calls: [call("1.5", "established", { answeredSecondsAgo: 5 })] });
    const card = await mount(home);
    const timer = row(card, "1.5").querySelector('[role="timer"]')!;
    expect(timer.textContent!.trim()).toBe("0:05");
    expect(timer.getAttribute("aria-label")).toBe("Call duration");
    await vi.advanceTimersByTimeAsync(1000);
    await settle(card);
    expect(row(card, "1.5").querySelector('[role="timer"]')!.textContent!.trim()).toBe("0:06");
    await vi.advanceTimersByTimeAsync(60_000);
    await settle(card);
    expect(row(card, "1.5").querySelector('[role="timer"]')!.textContent!.trim()).toBe("1:06");
  });

  it("survives a reload: the time comes from answered_at, not from when the card appeared", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00Z") });
    const home = new FakeHome({ calls: [call("1.5", "established", { answeredSecondsAgo: 3725 })] });
    const card = await mount(home);
    expect(row(card, "1.5").querySelector('[role="timer"]')!.textContent!.trim()).toBe("1:02:05");
  });

  it("stops ticking when the call ends", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00Z") });
    const home = new FakeHome({ calls: [call("1.5", "established", { answeredSecondsAgo: 5 })] });
    const card = await mount(home);
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    home.setCalls([]);
    await refresh(card, home);
    expect(card.shadowRoot!.querySelector('[role="timer"]')).toBeNull();
    vi.clearAllTimers(); // the history refresh after the call is not a tick
    await vi.advanceTimersByTimeAsync(5000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("offers Hold, Transfer, Keypad and Hang up, each on that call", async () => {
    const home = new FakeHome({ calls: [call("1.5", "established", { answeredSecondsAgo: 5 })] });
    const card = await mount(home);
    expect(buttonNames(card, row(card, "1.5"))).toEqual(["Hold", "Transfer", "Keypad", "Hang up"]);
    await click(card, button(card, "Hold"));
    expect(home.xivoCalls()).toEqual([{ service: "hold", data: { device_id: DEVICE_ID, unique_id: "1.5" } }]);
  });

  it("sends DTMF from the keypad", async () => {
    const home = new FakeHome({ calls: [call("1.5", "established", { answeredSecondsAgo: 5 })] });
    const card = await mount(home);
    const keypad = button(card, "Keypad");
    expect(keypad.getAttribute("aria-expanded")).toBe("false");
    await click(card, keypad);
    expect(button(card, "Keypad").getAttribute("aria-expanded")).toBe("true");
    await click(card, button(card, "Send tone 5"));
    await click(card, button(card, "Send tone #"));
    expect(home.xivoCalls()).toEqual([
      { service: "send_dtmf", data: { device_id: DEVICE_ID, key: "5" } },
      { service: "send_dtmf", data: { device_id: DEVICE_ID, key: "#" } },
    ]);
    // The keypad goes away with the established state.
    home.setCalls([call("1.5", "on_hold", { answeredSecondsAgo: 9 })]);
    await refresh(card, home);
    expect(hasButton(card, "Send tone 5")).toBe(false);
  });
});

describe("a call's keypad", () => {
  it("is the only 12-key grid on the card while it is open", async () => {
    const home = new FakeHome({ calls: [call("1.5", "established", { answeredSecondsAgo: 5 })] });
    const card = await mount(home);
    const grids = () => [...card.shadowRoot!.querySelectorAll(".keypad")];
    expect(grids()).toHaveLength(1); // the dial pad's
    await click(card, button(card, "Keypad"));
    expect(grids()).toHaveLength(1);
    expect(buttonNames(card, grids()[0])).toContain("Send tone 5");
    await click(card, button(card, "Keypad"));
    expect(grids()).toHaveLength(1);
    expect(hasButton(card, "Send tone 5")).toBe(false);
    expect(hasButton(card, "5")).toBe(true);
  });
});

describe("a call on hold", () => {
  it("offers Resume, which sends hold again for that call", async () => {
    const home = new FakeHome({ calls: [call("1.7", "on_hold", { answeredSecondsAgo: 40 })], phoneStatus: "on_hold" });
    const card = await mount(home);
    const held = row(card, "1.7");
    expect(held.textContent).toContain("On hold");
    expect(buttonNames(card, held)).toEqual(["Resume", "Hang up"]);
    expect(held.querySelector('[role="timer"]')!.textContent!.trim()).toBe("0:40");
    await click(card, button(card, "Resume"));
    expect(home.xivoCalls()).toEqual([{ service: "hold", data: { device_id: DEVICE_ID, unique_id: "1.7" } }]);
  });
});

describe("two calls", () => {
  it("shows both rows with their own buttons, and Conference", async () => {
    const home = new FakeHome({
      calls: [
        call("1.1", "on_hold", { answeredSecondsAgo: 60, other_name: "Jeanne Martin" }),
        call("1.2", "established", { answeredSecondsAgo: 10, other_name: "Paul Durand", other_number: "1002", direction: "outgoing" }),
      ],
    });
    const card = await mount(home);
    const rows = [...card.shadowRoot!.querySelectorAll("[data-unique-id]")].map((r) => r.getAttribute("data-unique-id"));
    expect(rows).toEqual(["1.1", "1.2"]);
    expect(buttonNames(card, row(card, "1.1"))).toEqual(["Resume", "Hang up"]);
    expect(buttonNames(card, row(card, "1.2"))).toEqual(["Hold", "Transfer", "Keypad", "Hang up"]);

    await click(card, button(card, "Hang up", row(card, "1.2")));
    await click(card, button(card, "Resume", row(card, "1.1")));
    await click(card, button(card, "Conference"));
    expect(home.xivoCalls()).toEqual([
      { service: "hangup", data: { device_id: DEVICE_ID, unique_id: "1.2" } },
      { service: "hold", data: { device_id: DEVICE_ID, unique_id: "1.1" } },
      { service: "conference", data: { device_id: DEVICE_ID } },
    ]);
  });

  it("has no Conference with a single call", async () => {
    const card = await mount(new FakeHome({ calls: [call("1.2", "established", { answeredSecondsAgo: 1 })] }));
    expect(hasButton(card, "Conference")).toBe(false);
  });
});

describe("transfers", () => {
  const established = () => call("1.5", "established", { answeredSecondsAgo: 20 });

  it("blind-transfers to a typed number, normalised", async () => {
    const home = new FakeHome({ calls: [established()] });
    const card = await mount(home);
    await click(card, button(card, "Transfer"));
    expect(button(card, "Transfer").getAttribute("aria-expanded")).toBe("true");
    await type(card, field(card, "Transfer to"), "06 98 76-54.32");
    await click(card, button(card, "Blind transfer"));
    expect(home.xivoCalls()).toEqual([
      { service: "direct_transfer", data: { device_id: DEVICE_ID, destination: "0698765432" } },
    ]);
    expect(card.shadowRoot!.querySelector(".transfer-panel")).toBeNull();
  });

  it("blind-transfers to the one contact a typed name matches", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00Z") });
    const home = new FakeHome({ calls: [established()] });
    home.onResponse = async (service, data) =>
      service === "search_contacts" && data.term === "paul"
        ? { contacts: [{ name: "Paul Durand", number: "1002", mobile: null, email: null, status: "available", favorite: false }] }
        : { calls: [] };
    const card = await mount(home);
    await click(card, button(card, "Transfer"));
    await type(card, field(card, "Transfer to"), "paul");
    await vi.advanceTimersByTimeAsync(300);
    await settle(card);
    await click(card, button(card, "Blind transfer"));
    expect(home.xivoCalls()).toEqual([
      { service: "direct_transfer", data: { device_id: DEVICE_ID, destination: "1002" } },
    ]);
    expect(card.shadowRoot!.querySelector(".action-error")).toBeNull();
    expect(card.shadowRoot!.querySelector(".transfer-panel")).toBeNull();
  });

  it("focuses the transfer field, and Escape closes the panel", async () => {
    const home = new FakeHome({ calls: [established()] });
    const card = await mount(home);
    await click(card, button(card, "Transfer"));
    expect(card.shadowRoot!.activeElement).toBe(field(card, "Transfer to"));
    field(card, "Transfer to").dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    await settle(card);
    expect(card.shadowRoot!.querySelector(".transfer-panel")).toBeNull();
    expect(home.xivoCalls()).toEqual([]);
  });

  it("transfers to a contact picked from a search", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00Z") });
    const home = new FakeHome({ calls: [established()] });
    home.onResponse = async (service, data) =>
      service === "search_contacts" && data.term === "paul"
        ? { contacts: [{ name: "Paul Durand", number: "1002", mobile: null, email: null, status: "available", favorite: false }] }
        : { calls: [] };
    const card = await mount(home);
    await click(card, button(card, "Transfer"));
    await type(card, field(card, "Transfer to"), "paul");
    await vi.advanceTimersByTimeAsync(300);
    await settle(card);
    await click(card, button(card, "Choose Paul Durand"));
    expect(field(card, "Transfer to").value).toBe("1002");
    await click(card, button(card, "Blind transfer"));
    expect(home.xivoCalls()).toEqual([
      { service: "direct_transfer", data: { device_id: DEVICE_ID, destination: "1002" } },
    ]);
  });

  it("runs an attended transfer to completion", async () => {
    const home = new FakeHome({ calls: [established()] });
    const card = await mount(home);
    await click(card, button(card, "Transfer"));
    await type(card, field(card, "Transfer to"), "1002");
    await click(card, button(card, "Attended transfer"));
    expect(home.xivoCalls()).toEqual([
      { service: "attended_transfer", data: { device_id: DEVICE_ID, destination: "1002" } },
    ]);
    // The PBX holds the first call and dials the consultation call.
    home.setCalls([
      call("1.5", "on_hold", { answeredSecondsAgo: 22 }),
      call("1.6", "dialing", { direction: "outgoing", other_number: "1002", other_name: "Paul Durand" }),
    ]);
    await refresh(card, home);
    expect(text(card, ".line-actions")).toContain("Attended transfer in progress");
    expect(hasButton(card, "Complete transfer")).toBe(true);
    expect(hasButton(card, "Cancel transfer")).toBe(true);
    // Paul answers: the transfer is still there to complete.
    home.setCalls([
      call("1.5", "on_hold", { answeredSecondsAgo: 30 }),
      call("1.6", "established", { direction: "outgoing", other_number: "1002", answeredSecondsAgo: 2 }),
    ]);
    await refresh(card, home);
    await click(card, button(card, "Complete transfer"));
    expect(home.xivoCalls()[1]).toEqual({ service: "complete_transfer", data: { device_id: DEVICE_ID } });
    expect(hasButton(card, "Complete transfer")).toBe(false);
  });

  it("cancels an attended transfer; it ends by itself when the consultation call ends", async () => {
    const home = new FakeHome({ calls: [established()] });
    const card = await mount(home);
    await click(card, button(card, "Transfer"));
    await type(card, field(card, "Transfer to"), "1002");
    await click(card, button(card, "Attended transfer"));
    home.setCalls([call("1.5", "on_hold", { answeredSecondsAgo: 22 }), call("1.6", "ringing", { direction: "outgoing" })]);
    await refresh(card, home);
    await click(card, button(card, "Cancel transfer"));
    expect(home.xivoCalls()[1]).toEqual({ service: "cancel_transfer", data: { device_id: DEVICE_ID } });
    expect(hasButton(card, "Cancel transfer")).toBe(false);

    // Started again; this time the consultation call is released by the far end.
    await click(card, button(card, "Hang up", row(card, "1.6")));
    home.setCalls([call("1.5", "established", { answeredSecondsAgo: 30 })]);
    await refresh(card, home);
    await click(card, button(card, "Transfer"));
    await type(card, field(card, "Transfer to"), "1003");
    await click(card, button(card, "Attended transfer"));
    home.setCalls([call("1.5", "on_hold", { answeredSecondsAgo: 31 }), call("1.8", "dialing", { direction: "outgoing" })]);
    await refresh(card, home);
    expect(hasButton(card, "Complete transfer")).toBe(true);
    home.setCalls([call("1.5", "on_hold", { answeredSecondsAgo: 35 })]);
    await refresh(card, home);
    expect(hasButton(card, "Complete transfer")).toBe(false);
  });

  it("keeps an attended transfer across a reload of the card", async () => {
    const home = new FakeHome({ calls: [established()] });
    const first = await mount(home);
    await click(first, button(first, "Transfer"));
    await type(first, field(first, "Transfer to"), "1002");
    await click(first, button(first, "Attended transfer"));
    home.setCalls([call("1.5", "on_hold", { answeredSecondsAgo: 22 }), call("1.6", "dialing", { direction: "outgoing" })]);
    await refresh(first, home);
    first.remove();
    const second = await mount(home);
    expect(hasButton(second, "Complete transfer")).toBe(true);
  });

  it("forgets an attended transfer that the server refused", async () => {
    const home = new FakeHome({ calls: [established()] });
    home.onService = async (c) => {
      if (c.service === "attended_transfer") throw { code: "home_assistant_error", message: "The XiVO server refused the command" };
    };
    const card = await mount(home);
    await click(card, button(card, "Transfer"));
    await type(card, field(card, "Transfer to"), "1002");
    await click(card, button(card, "Attended transfer"));
    expect(text(card, ".action-error")).toContain("The XiVO server refused the command");
    expect(hasButton(card, "Complete transfer")).toBe(false);
  });
});
