import { afterEach, describe, expect, it } from "vitest";
import { XivoPhoneCard, XivoPhoneCardEditor } from "../src/xivo-phone-card";
import { DEVICE_ID, FakeHome, mount, text } from "./fixtures";

afterEach(() => {
  document.body.innerHTML = "";
  document.documentElement.lang = "";
});

describe("card registration and configuration", () => {
  it("is defined and listed in the card picker once", async () => {
    expect(customElements.get("xivo-phone-card")).toBe(XivoPhoneCard);
    await import("../src/xivo-phone-card"); // a second load must not list it twice
    const cards = (window as unknown as { customCards: { type: string; preview: boolean; name: string }[] }).customCards;
    const ours = cards.filter((c) => c.type === "xivo-phone-card");
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ name: "XiVO phone", preview: true });
    expect(ours[0]).toHaveProperty("description");
    expect(ours[0]).toHaveProperty("documentationURL");
  });

  it("offers a form with a device selector limited to the integration", () => {
    const form = XivoPhoneCard.getConfigForm();
    expect(form.schema[0]).toEqual({ name: "device_id", required: true, selector: { device: { integration: "xivo" } } });
    const sections = form.schema[1] as { name: string; selector: { select: { multiple: boolean; options: { value: string }[] } } };
    expect(sections.name).toBe("sections");
    expect(sections.selector.select.multiple).toBe(true);
    expect(sections.selector.select.options.map((o) => o.value)).toEqual(["agent", "calls", "queues", "dialpad", "colleagues", "recent", "forwards"]);
    expect(form.computeLabel({ name: "device_id" })).toBe("Phone line");
    document.documentElement.lang = "fr";
    expect(XivoPhoneCard.getConfigForm().computeLabel({ name: "sections" })).toBe("Sections à afficher");
  });

  it("edits with every section ticked when the config does not list them, and saves the default as such", async () => {
    const editor = (await XivoPhoneCard.getConfigElement()) as XivoPhoneCardEditor;
    expect(editor.tagName).toBe("XIVO-PHONE-CARD-EDITOR");
    editor.setConfig({ type: "custom:xivo-phone-card", device_id: DEVICE_ID });
    document.body.append(editor);
    await editor.updateComplete;
    const form = editor.shadowRoot!.querySelector("ha-form") as HTMLElement & { data: Record<string, unknown> };
    expect(form.data.sections).toEqual(["agent", "calls", "queues", "dialpad", "colleagues", "recent", "forwards"]);

    const saved: unknown[] = [];
    editor.addEventListener("config-changed", (e) => saved.push((e as CustomEvent).detail.config));
    const change = (value: Record<string, unknown>) =>
      form.dispatchEvent(new CustomEvent("value-changed", { detail: { value }, bubbles: true, composed: true }));
    change({ type: "custom:xivo-phone-card", device_id: DEVICE_ID, sections: ["forwards", "calls"] });
    change({ type: "custom:xivo-phone-card", device_id: DEVICE_ID, sections: ["agent", "calls", "queues", "dialpad", "colleagues", "recent", "forwards"] });
    expect(saved).toEqual([
      { type: "custom:xivo-phone-card", device_id: DEVICE_ID, sections: ["calls", "forwards"] },
      { type: "custom:xivo-phone-card", device_id: DEVICE_ID },
    ]);
    await editor.updateComplete;
    expect(form.data.sections).toEqual(["agent", "calls", "queues", "dialpad", "colleagues", "recent", "forwards"]);
  });

  it("shows the colleagues when the editor saved an empty number row", async () => {
    const card = await mount(new FakeHome({ hints: { "1001": "available" } }), { colleagues: [""] });
    expect(card.shadowRoot!.querySelectorAll("[data-number]")).toHaveLength(1);
    expect(text(card, ".colleagues")).toContain("1001");
  });

  it("picks the first XiVO line for the stub config", () => {
    expect(XivoPhoneCard.getStubConfig(new FakeHome().hass())).toEqual({ device_id: DEVICE_ID });
    expect(XivoPhoneCard.getStubConfig({ ...new FakeHome().hass(), entities: {} })).toEqual({});
  });

  it("refuses a config without a device or with unknown sections", () => {
    const card = new XivoPhoneCard();
    expect(() => card.setConfig({ type: "custom:xivo-phone-card" } as never)).toThrow(/device_id/);
    expect(() =>
      card.setConfig({ type: "custom:xivo-phone-card", device_id: DEVICE_ID, sections: ["calls", "weather"] } as never),
    ).toThrow(/sections/);
    expect(() => card.setConfig({ type: "custom:xivo-phone-card", device_id: DEVICE_ID })).not.toThrow();
  });

  it("shows only the configured sections, in the card's order", async () => {
    const card = await mount(new FakeHome({ hints: { "1001": "available" } }), { sections: ["forwards", "calls"] });
    const shown = [...card.shadowRoot!.querySelectorAll("section")].map((s) => s.className);
    expect(shown).toEqual(["calls", "forwards"]);
  });

  it("sizes itself for masonry and sections views", async () => {
    const card = await mount(new FakeHome());
    expect(card.getCardSize()).toBeGreaterThan(3);
    expect(card.getGridOptions()).toEqual({ columns: 12, rows: "auto", min_columns: 6 });
  });

  it("renders under ha-card, with every control named", async () => {
    const card = await mount(new FakeHome({ hints: { "1001": "available" }, missed: 1 }));
    expect(card.shadowRoot!.firstElementChild!.tagName).toBe("HA-CARD");
    const unnamed = [...card.shadowRoot!.querySelectorAll("button, input")].filter((control) => {
      const label = control.getAttribute("aria-label") || control.textContent!.trim();
      const id = control.id && card.shadowRoot!.querySelector(`label[for="${control.id}"]`);
      return !label && !id && !control.closest("label");
    });
    expect(unnamed).toEqual([]);
  });
});
