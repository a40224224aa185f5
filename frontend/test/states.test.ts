import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  DEVICE_ID,
  ENTITY,
  FakeHome,
  accessibleName,
  button,
  buttons,
  call,
  click,
  field,
  hasButton,
  mount,
  refresh,
  text,
} from "./fixtures";

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  document.body.innerHTML = "";
  vi.useRealTimers();
});

const busyLine = () =>
  new FakeHome({
    calls: [call("1.1", "on_hold", { answeredSecondsAgo: 60 }), call("1.2", "ringing")],
    hints: { "1001": "available", "1002": "busy" },
    missed: 2,
    forwards: { busy: { enabled: true, destination: "1009" } },
  });

describe("the link to the XiVO server is down", () => {
  it("says so and disables every control", async () => {
    const home = busyLine();
    const card = await mount(home);
    expect(buttons(card).filter((b) => !b.disabled).length).toBeGreaterThan(10);
    home.dropLink();
    await refresh(card, home);
    const banner = card.shadowRoot!.querySelector(".link-down-banner")!;
    expect(banner.getAttribute("role")).toBe("alert");
    expect(banner.textContent!.trim()).toBe("No link to the XiVO server");
    expect(text(card, ".link")).toBe("Disconnected");
    // The banner is the one element with that text (what end-to-end tests look for).
    const withText = [...card.shadowRoot!.querySelectorAll("*")].filter(
      (el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.includes("No link to the XiVO server")),
    );
    expect(withText).toHaveLength(1);
    expect(text(card, ".phone-status")).toBe("Phone status: Unavailable");
    expect(text(card, ".missed-count")).toBe("Missed calls since the last reset: –");
    // Without the link the card does not know the calls: it does not say "No calls".
    expect(card.shadowRoot!.querySelector(".no-calls")).toBeNull();
    const controls = [...card.shadowRoot!.querySelectorAll("button, input")] as (HTMLButtonElement | HTMLInputElement)[];
    expect(controls.length).toBeGreaterThan(10);
    expect(controls.filter((c) => !c.disabled).map(accessibleName)).toEqual([]);
    for (const control of controls) control.click();
    expect(home.serviceCalls).toEqual([]);
  });

  it("treats an unavailable link sensor as down, and comes back when it is on", async () => {
    const home = new FakeHome({ hints: { "1001": "available" } });
    home.put(ENTITY.connected, "unavailable");
    const card = await mount(home);
    expect(text(card, ".link-down-banner")).toBe("No link to the XiVO server");
    expect(button(card, "Call 1001").disabled).toBe(true);
    home.put(ENTITY.connected, "on");
    await refresh(card, home);
    expect(card.shadowRoot!.querySelector(".link-down-banner")).toBeNull();
    expect(button(card, "Call 1001").disabled).toBe(false);
  });
});

describe("an action fails", () => {
  it("shows the error's message in the card, dismissably", async () => {
    const home = new FakeHome({ calls: [call("1.2", "ringing")] });
    home.onService = async () => {
      throw { code: "service_validation_error", message: "The line is not connected to the XiVO server" };
    };
    const card = await mount(home);
    await click(card, button(card, "Answer"));
    const alert = card.shadowRoot!.querySelector(".action-error")!;
    expect(alert.getAttribute("role")).toBe("alert");
    expect(text(card, ".action-error .message")).toBe("Error: The line is not connected to the XiVO server");
    await click(card, button(card, "Dismiss"));
    expect(card.shadowRoot!.querySelector(".action-error")).toBeNull();
  });

  it("takes the error away once an action then succeeds", async () => {
    const home = new FakeHome({ calls: [call("1.2", "ringing")] });
    home.onService = async () => {
      throw { message: "The XiVO server refused the command" };
    };
    const card = await mount(home);
    await click(card, button(card, "Answer"));
    expect(text(card, ".action-error")).toContain("The XiVO server refused the command");
    home.onService = async () => ({});
    await click(card, button(card, "Answer"));
    expect(card.shadowRoot!.querySelector(".action-error")).toBeNull();
  });

  it("reads Error objects too, and says something when there is no message", async () => {
    const home = new FakeHome({ calls: [call("1.2", "ringing")] });
    home.onService = async () => {
      throw new Error("Request timed out");
    };
    const card = await mount(home);
    await click(card, button(card, "Hang up"));
    expect(text(card, ".action-error")).toContain("Request timed out");
    home.onService = async () => {
      throw {};
    };
    await click(card, button(card, "Hang up"));
    expect(text(card, ".action-error")).toContain("The request failed.");
  });
});

describe("French", () => {
  it("uses the card's French texts", async () => {
    const home = new FakeHome({
      language: "fr",
      calls: [call("1.1", "on_hold", { answeredSecondsAgo: 60 }), call("1.2", "established", { answeredSecondsAgo: 1 })],
      hints: { "1001": "available" },
    });
    const card = await mount(home);
    for (const name of ["Reprendre", "Mettre en attente", "Transférer", "Clavier", "Raccrocher", "Conférence", "Appeler"]) {
      expect(hasButton(card, name), name).toBe(true);
    }
    expect(hasButton(card, "Transférer à 1001")).toBe(true);
    expect(field(card, "Numéro")).toBeTruthy();
    const dnd = field(card, "Ne pas déranger");
    expect(dnd.getAttribute("role")).toBe("switch");
    expect(text(card, ".calls")).toContain("En attente");
    expect(text(card, ".phone-status")).toBe("État du téléphone: En communication");
    expect(card.shadowRoot!.querySelector("ha-card")!.getAttribute("lang")).toBe("fr");

    home.setCalls([call("1.3", "ringing")]);
    await refresh(card, home);
    expect(hasButton(card, "Répondre")).toBe(true);
    expect(hasButton(card, "Appeler 1001")).toBe(true);

    home.dropLink();
    await refresh(card, home);
    expect(text(card, ".link-down-banner")).toBe("Pas de liaison avec le serveur XiVO");
  });

  it("follows a change of language", async () => {
    const home = new FakeHome({ calls: [call("1.2", "ringing")] });
    const card = await mount(home);
    expect(hasButton(card, "Answer")).toBe(true);
    home.language = "fr";
    await refresh(card, home);
    expect(hasButton(card, "Répondre")).toBe(true);
    expect(hasButton(card, "Answer")).toBe(false);
  });

  it("falls back to English for other languages", async () => {
    const card = await mount(new FakeHome({ language: "de", calls: [call("1.2", "ringing")] }));
    expect(hasButton(card, "Answer")).toBe(true);
  });
});

describe("rendering only what changed", () => {
  it("ignores changes to entities that are not the line's", async () => {
    const home = new FakeHome({ calls: [call("1.2", "ringing")] });
    const card = await mount(home);
    const render = vi.spyOn(card as unknown as { render: () => unknown }, "render");
    home.put("sensor.kitchen_temperature", "22.0");
    home.put("sensor.accueil_2000_call_state", "ringing");
    await refresh(card, home);
    expect(render).not.toHaveBeenCalled();
    home.setCalls([call("1.2", "established", { answeredSecondsAgo: 0 })]);
    await refresh(card, home);
    expect(render).toHaveBeenCalledTimes(1);
  });

  it("acts on its own device only", async () => {
    const home = new FakeHome({ calls: [call("1.2", "ringing")] });
    const card = await mount(home);
    await click(card, button(card, "Answer"));
    expect(home.serviceCalls.map((c) => c.data.device_id)).toEqual([DEVICE_ID]);
  });
});
