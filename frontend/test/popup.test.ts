import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TAG, startPopup } from "../src/xivo-popup";
import type { XivoCallPopup } from "../src/popup/element";
import type { PopupHass, RingingCall } from "../src/popup/types";

const call = (id: string, name: string | null, number: string | null = "0142424242"): RingingCall => ({
  entry_id: "entry",
  device_id: "device-1",
  line: "James Bond",
  unique_id: id,
  linked_id: `linked-${id}`,
  other_number: number,
  other_name: name,
});

/** A `hass` whose connection hands the test the feed's callback. */
function fakeHass(language = "en") {
  const services: Array<[string, string, Record<string, unknown> | undefined]> = [];
  const feed: { send?: (message: { calls: RingingCall[] }) => void; message?: Record<string, unknown> } = {};
  const hass: PopupHass = {
    language,
    callService: vi.fn(async (domain: string, service: string, data?: Record<string, unknown>) => {
      services.push([domain, service, data]);
    }),
    connection: {
      async subscribeMessage<T>(callback: (message: T) => void, message: Record<string, unknown>) {
        feed.send = callback as unknown as typeof feed.send;
        feed.message = message;
        return async () => undefined;
      },
    },
  };
  return { hass, services, feed };
}

let popup: XivoCallPopup;
let home: ReturnType<typeof fakeHass>;
let field: HTMLInputElement;

const dialogs = () => [...popup.shadowRoot!.querySelectorAll<HTMLElement>('[role="alertdialog"]')];
const textOf = (ids: string) =>
  ids.split(" ").map((id) => popup.shadowRoot!.getElementById(id)!.textContent).join(" ");
const nameOf = (dialog: HTMLElement) => textOf(dialog.getAttribute("aria-labelledby")!);
const descriptionOf = (dialog: HTMLElement) => textOf(dialog.getAttribute("aria-describedby")!);
const button = (dialog: HTMLElement, name: string) =>
  [...dialog.querySelectorAll("button")].find((b) => (b.getAttribute("aria-label") ?? b.textContent) === name)!;
const focused = () => popup.shadowRoot!.activeElement;

async function start(language = "en") {
  home = fakeHass(language);
  const host = document.createElement("div") as HTMLElement & { hass?: PopupHass };
  document.body.append(host);
  const started = startPopup(host, 1);
  host.hass = home.hass; // the frontend connects after the module has loaded
  popup = await started;
}

beforeEach(async () => {
  field = document.createElement("input");
  document.body.append(field);
  field.focus();
  await start();
});

afterEach(() => {
  document.body.innerHTML = "";
});

describe("the incoming-call popup", () => {
  it("subscribes to the integration's feed and is on the page", () => {
    expect(home.feed.message).toEqual({ type: "xivo/incoming_calls/subscribe" });
    expect(document.querySelector(TAG)).toBe(popup);
    expect(dialogs()).toEqual([]);
  });

  it("shows a ringing call as an alert dialog named after the caller, and takes the focus", () => {
    home.feed.send!({ calls: [call("u1", "Moneypenny")] });
    const [dialog] = dialogs();
    expect(nameOf(dialog)).toBe("Incoming call Moneypenny");
    expect(descriptionOf(dialog)).toBe("0142424242 · On the line of James Bond");
    expect(focused()).toBe(dialog);
    expect(button(dialog, "Answer")).toBeTruthy();
    expect(button(dialog, "Decline")).toBeTruthy();
  });

  it("names a caller by number, or as unknown, and takes a name that comes later", () => {
    home.feed.send!({ calls: [call("u1", null), call("u2", null, null)] });
    expect(dialogs().map(nameOf)).toEqual(["Incoming call 0142424242", "Incoming call Unknown caller"]);
    const first = dialogs()[0];
    home.feed.send!({ calls: [call("u1", "Moneypenny"), call("u2", null, null)] });
    expect(dialogs()[0]).toBe(first); // the same dialog, not a new one that takes the focus
    expect(nameOf(first)).toBe("Incoming call Moneypenny");
  });

  it("answers that call by its unique_id on its line", async () => {
    home.feed.send!({ calls: [call("u1", "Moneypenny")] });
    button(dialogs()[0], "Answer").click();
    await vi.waitFor(() => expect(home.services).toEqual([["xivo", "answer", { device_id: "device-1", unique_id: "u1" }]]));
  });

  it("shows two calls; Decline hangs up that one only, and its dialog goes with the call", async () => {
    home.feed.send!({ calls: [call("u1", "First"), call("u2", "Second")] });
    expect(dialogs().map(nameOf)).toEqual(["Incoming call First", "Incoming call Second"]);
    button(dialogs()[1], "Decline").focus();
    button(dialogs()[1], "Decline").click();
    await vi.waitFor(() => expect(home.services).toEqual([["xivo", "hangup", { device_id: "device-1", unique_id: "u2" }]]));
    home.feed.send!({ calls: [call("u1", "First")] });
    expect(dialogs().map(nameOf)).toEqual(["Incoming call First"]);
    expect(focused()).toBe(dialogs()[0]); // the focus moves to the call left
  });

  it("closes when the call stops ringing, and gives the focus back", () => {
    home.feed.send!({ calls: [call("u1", "Moneypenny")] });
    expect(document.activeElement).toBe(popup);
    home.feed.send!({ calls: [] });
    expect(dialogs()).toEqual([]);
    expect(document.activeElement).toBe(field);
  });

  it("Escape hides the call without hanging up; it stays hidden while it rings", () => {
    home.feed.send!({ calls: [call("u1", "Moneypenny")] });
    const escape = new KeyboardEvent("keydown", { key: "Escape", bubbles: true, composed: true });
    const outside = vi.fn();
    document.addEventListener("keydown", outside);
    dialogs()[0].dispatchEvent(escape);
    document.removeEventListener("keydown", outside);
    expect(dialogs()).toEqual([]);
    expect(home.services).toEqual([]);
    expect(outside).not.toHaveBeenCalled(); // Home Assistant's own dialogs are not closed
    expect(document.activeElement).toBe(field);
    home.feed.send!({ calls: [call("u1", "Moneypenny"), call("u2", "Another")] });
    expect(dialogs().map(nameOf)).toEqual(["Incoming call Another"]);
  });

  it("the dismiss button hides the call too", () => {
    home.feed.send!({ calls: [call("u1", "Moneypenny")] });
    button(dialogs()[0], "Dismiss").click();
    expect(dialogs()).toEqual([]);
    expect(home.services).toEqual([]);
  });

  it("speaks French when Home Assistant does", async () => {
    document.body.innerHTML = "";
    await start("fr-FR");
    home.feed.send!({ calls: [call("u1", "Moneypenny")] });
    const [dialog] = dialogs();
    expect(nameOf(dialog)).toBe("Appel entrant Moneypenny");
    expect(descriptionOf(dialog)).toBe("0142424242 · Sur la ligne de James Bond");
    expect(dialog.getAttribute("lang")).toBe("fr");
    expect(button(dialog, "Répondre")).toBeTruthy();
    expect(button(dialog, "Refuser")).toBeTruthy();
    expect(button(dialog, "Masquer")).toBeTruthy();
  });
});
