import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  DEVICE_ID,
  FakeHome,
  button,
  click,
  deferred,
  field,
  hasButton,
  mount,
  settle,
  text,
  type,
} from "./fixtures";

beforeEach(() => {
  sessionStorage.clear();
  vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00Z") });
});
afterEach(() => {
  document.body.innerHTML = "";
  vi.useRealTimers();
});

const contact = (name: string, number: string | null, extra: Record<string, unknown> = {}) => ({
  name,
  number,
  mobile: null,
  email: null,
  status: null,
  favorite: false,
  ...extra,
});

describe("dial pad", () => {
  it("appends keypad digits and calls the number", async () => {
    const home = new FakeHome();
    const card = await mount(home, { sections: ["dialpad"] });
    const number = field(card, "Number");
    expect(button(card, "Call").disabled).toBe(true);
    for (const key of ["1", "0", "0", "2"]) await click(card, button(card, key));
    expect(number.value).toBe("1002");
    await click(card, button(card, "Delete last digit"));
    expect(number.value).toBe("100");
    await click(card, button(card, "3"));
    await click(card, button(card, "Call"));
    expect(home.xivoCalls()).toEqual([{ service: "dial", data: { device_id: DEVICE_ID, destination: "1003" } }]);
    expect(field(card, "Number").value).toBe("");
  });

  it("normalises a typed number and calls it on Enter", async () => {
    const home = new FakeHome();
    const card = await mount(home, { sections: ["dialpad"] });
    await type(card, field(card, "Number"), " +33 (0)1 23-45.67/89 ");
    field(card, "Number").dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await settle(card);
    expect(home.xivoCalls()).toEqual([{ service: "dial", data: { device_id: DEVICE_ID, destination: "+330123456789" } }]);
  });

  it("refuses what is not a number, in words", async () => {
    const home = new FakeHome();
    const card = await mount(home, { sections: ["dialpad"] });
    await type(card, field(card, "Number"), "xy");
    await click(card, button(card, "Call"));
    expect(home.xivoCalls()).toEqual([]);
    expect(text(card, ".action-error")).toContain("Type a number, or pick a contact from the list.");
  });

  it("keeps the number when the call fails", async () => {
    const home = new FakeHome();
    home.onService = async () => {
      throw { message: "Invalid destination" };
    };
    const card = await mount(home, { sections: ["dialpad"] });
    await type(card, field(card, "Number"), "1002");
    await click(card, button(card, "Call"));
    expect(field(card, "Number").value).toBe("1002");
    expect(text(card, ".action-error")).toContain("Invalid destination");
  });
});

describe("contact search", () => {
  it("calls the one contact a typed name matches, with Call or Enter", async () => {
    const home = new FakeHome();
    home.onResponse = async (_service, data) => ({
      contacts: data.term === "alice" ? [contact("Alice Dupont", null, { mobile: "0611223344" })] : [],
    });
    const card = await mount(home, { sections: ["dialpad"] });
    await type(card, field(card, "Number"), "alice");
    await vi.advanceTimersByTimeAsync(300);
    await settle(card);
    expect(button(card, "Call").disabled).toBe(false);
    await click(card, button(card, "Call"));
    expect(home.xivoCalls()).toEqual([{ service: "dial", data: { device_id: DEVICE_ID, destination: "0611223344" } }]);
    expect(card.shadowRoot!.querySelector(".action-error")).toBeNull();
    expect(field(card, "Number").value).toBe("");

    // Pressed before the search had even started: it is run then.
    await type(card, field(card, "Number"), "alice");
    field(card, "Number").dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await settle(card);
    expect(home.xivoCalls()).toHaveLength(2);
    expect(home.xivoCalls()[1].data.destination).toBe("0611223344");
    expect(card.shadowRoot!.querySelector(".action-error")).toBeNull();
  });

  it("asks to pick one when a typed name matches several contacts", async () => {
    const home = new FakeHome();
    home.onResponse = async () => ({ contacts: [contact("Alice Dupont", "1001"), contact("Alice Roy", "1002")] });
    const card = await mount(home, { sections: ["dialpad"] });
    await type(card, field(card, "Number"), "alice");
    await vi.advanceTimersByTimeAsync(300);
    await settle(card);
    await click(card, button(card, "Call"));
    expect(home.xivoCalls()).toEqual([]);
    expect(text(card, ".action-error")).toContain("Type a number, or pick a contact from the list.");
  });

  it("searches once typing pauses for 300 ms, and calls the picked contact", async () => {
    const home = new FakeHome();
    home.onResponse = async (_service, data) => ({
      contacts:
        data.term === "ali"
          ? [contact("Alice Dupont", "1001", { status: "available", favorite: true }), contact("Alix Roy", null, { mobile: "0611223344" })]
          : [],
    });
    const card = await mount(home, { sections: ["dialpad"] });
    await type(card, field(card, "Number"), "a");
    await type(card, field(card, "Number"), "al");
    await vi.advanceTimersByTimeAsync(200);
    await type(card, field(card, "Number"), "ali");
    await vi.advanceTimersByTimeAsync(299);
    expect(home.responseCalls("search_contacts")).toEqual([]);
    expect(text(card, ".dialpad")).toContain("Searching…");
    await vi.advanceTimersByTimeAsync(1);
    await settle(card);
    expect(home.responseCalls("search_contacts")).toEqual([{ device_id: DEVICE_ID, term: "ali" }]);
    expect(hasButton(card, "Call Alice Dupont")).toBe(true);
    expect(text(card, ".contacts")).toContain("0611223344");

    await click(card, button(card, "Call Alix Roy"));
    expect(home.xivoCalls()).toEqual([{ service: "dial", data: { device_id: DEVICE_ID, destination: "0611223344" } }]);
    expect(field(card, "Number").value).toBe("");
    expect(hasButton(card, "Call Alice Dupont")).toBe(false);
  });

  it("ignores a stale response that arrives after a newer one", async () => {
    const home = new FakeHome();
    const slow = deferred<unknown>();
    home.onResponse = (_service, data) =>
      data.term === "al" ? slow.promise : Promise.resolve({ contacts: [contact("Alice Dupont", "1001")] });
    const card = await mount(home, { sections: ["dialpad"] });
    await type(card, field(card, "Number"), "al");
    await vi.advanceTimersByTimeAsync(300);
    await type(card, field(card, "Number"), "alice");
    await vi.advanceTimersByTimeAsync(300);
    await settle(card);
    expect(hasButton(card, "Call Alice Dupont")).toBe(true);
    slow.resolve({ contacts: [contact("Albert Stale", "1099")] });
    await settle(card);
    expect(hasButton(card, "Call Albert Stale")).toBe(false);
    expect(hasButton(card, "Call Alice Dupont")).toBe(true);
    expect(home.responseCalls("search_contacts").map((d) => d.term)).toEqual(["al", "alice"]);
  });

  it("says when nothing matches, and clears with the field", async () => {
    const home = new FakeHome();
    const card = await mount(home, { sections: ["dialpad"] });
    await type(card, field(card, "Number"), "zzz");
    await vi.advanceTimersByTimeAsync(300);
    await settle(card);
    expect(text(card, ".dialpad")).toContain("No contact found");
    await type(card, field(card, "Number"), "");
    expect(text(card, ".dialpad")).not.toContain("No contact found");
  });

  it("shows a failed search as an error", async () => {
    const home = new FakeHome();
    home.onResponse = async () => {
      throw { code: "home_assistant_error", message: "The directory did not answer" };
    };
    const card = await mount(home, { sections: ["dialpad"] });
    await type(card, field(card, "Number"), "bob");
    await vi.advanceTimersByTimeAsync(300);
    await settle(card);
    expect(text(card, ".action-error")).toContain("The directory did not answer");
  });
});
