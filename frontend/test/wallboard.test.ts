import { afterEach, describe, expect, it, vi } from "vitest";
import { QUEUES_CARD_INFO, XivoPhoneCard, XivoQueuesCard, XivoQueuesCardEditor } from "../src/xivo-phone-card";
import { queuesConfigFrom, queuesEditorSchema } from "../src/queues-editor";
import { textsFor } from "../src/i18n";
import { addDemoQueues, addQueue, figureOf, mountWallboard, queueEntity, refreshWallboard, regions, setQueue } from "./cc-fixtures";
import { DEVICE_ID, FakeHome } from "./fixtures";

afterEach(() => {
  document.body.innerHTML = "";
  vi.useRealTimers();
});

describe("the queues wallboard", () => {
  it("is defined and listed in the card picker once, beside the phone card", async () => {
    expect(customElements.get("xivo-queues-card")).toBe(XivoQueuesCard);
    await import("../src/xivo-phone-card");
    const cards = (window as unknown as { customCards: { type: string; name: string; preview: boolean }[] }).customCards;
    expect(cards.filter((card) => card.type === "xivo-queues-card")).toEqual([QUEUES_CARD_INFO]);
    expect(QUEUES_CARD_INFO).toMatchObject({ name: "XiVO queues", preview: true });
    expect(cards.filter((card) => card.type === "xivo-phone-card")).toHaveLength(1);
  });

  it("shows each queue as a region named by its display name, holding its figures as text", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00Z") });
    const home = new FakeHome();
    addDemoQueues(
      home,
      { calls: [{ number: "0611223344", name: "Paul Durand", waited: 75 }], available: 1, talking: 1, logged: 2, answeredRate: 83.3 },
      { available: 0, talking: 0, logged: 1, answeredRate: 100 },
    );
    const card = await mountWallboard(home);
    const shown = regions(card);
    expect(shown.map((region) => region.name)).toEqual(["Sales", "Support"]);
    const sales = shown[0].element;
    expect(sales.querySelector("h2")!.textContent).toBe("Sales");
    expect(figureOf(sales, "Waiting")).toBe("1");
    expect(figureOf(sales, "Longest wait")).toBe("1:15");
    expect(figureOf(sales, "Available")).toBe("1");
    expect(figureOf(sales, "Talking")).toBe("1");
    expect(figureOf(sales, "Logged in")).toBe("2");
    expect(figureOf(sales, "Answered")).toBe("83 %");
    expect(shown[1].text).toBe("Support Waiting 0 Longest wait – Available 0 Talking 0 Logged in 1 Answered 100 %");
    // Sales waited past 60 s: warned, in words as well as in colour.
    expect(sales.classList).toContain("queue-warning");
    expect(shown[0].text).toContain("Over threshold");
    expect(shown[1].element.classList).not.toContain("queue-warning");
  });

  it("keeps the longest wait running without a new state, and updates on a counter's change", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00Z") });
    const home = new FakeHome();
    addDemoQueues(home, { calls: [{ number: "0611223344", name: null, waited: 10 }] });
    const card = await mountWallboard(home);
    const sales = () => regions(card)[0].element;
    expect(figureOf(sales(), "Longest wait")).toBe("0:10");
    await vi.advanceTimersByTimeAsync(5000);
    await card.updateComplete;
    expect(figureOf(sales(), "Longest wait")).toBe("0:15");
    home.put(queueEntity("Sales", "talking_agents"), "2");
    await refreshWallboard(card, home);
    expect(figureOf(sales(), "Talking")).toBe("2");
  });

  it("shows the queues chosen, in the order chosen, and the thresholds given", async () => {
    const home = new FakeHome();
    addDemoQueues(home, { waiting: 1 }, { waiting: 2 });
    addQueue(home, "5", "Billing", { waiting: 0 });
    const card = await mountWallboard(home, { queues: ["2", "1", "99"], waiting_warning: 2 });
    expect(regions(card).map((region) => region.name)).toEqual(["Support", "Sales"]);
    expect(regions(card).map((region) => region.element.classList.contains("queue-warning"))).toEqual([true, false]);
    const all = await mountWallboard(home, { queues: [] });
    expect(regions(all).map((region) => region.name)).toEqual(["Billing", "Sales", "Support"]);
  });

  it("renders again only when one of its queues (or the link) changes", async () => {
    const home = new FakeHome();
    addDemoQueues(home);
    const card = await mountWallboard(home);
    const renders = vi.spyOn(card as unknown as { render(): unknown }, "render");
    home.put("sensor.kitchen_temperature", "23");
    home.put(queueEntity("Reception", "waiting_calls"), "4"); // the other line's queue
    await refreshWallboard(card, home);
    expect(renders).not.toHaveBeenCalled();
    setQueue(home, "Support", { waiting: 5 });
    await refreshWallboard(card, home);
    expect(renders).toHaveBeenCalledTimes(1);
    expect(figureOf(regions(card)[1].element, "Waiting")).toBe("5");
  });

  it("says when the link is down, and when the line shows no queue", async () => {
    const home = new FakeHome();
    addDemoQueues(home, { unavailable: true });
    home.put("binary_sensor.bureau_1000_cti_link", "off");
    const card = await mountWallboard(home);
    const alert = card.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).toBe("No link to the XiVO server");
    expect(figureOf(regions(card)[0].element, "Waiting")).toBe("–");
    const empty = await mountWallboard(new FakeHome());
    expect(empty.shadowRoot!.querySelector(".empty")!.textContent).toBe("No queue is shown for this line.");
    expect(regions(empty)).toEqual([]);
  });

  it("fills a full-width row of a sections view, and checks its config", () => {
    const card = new XivoQueuesCard();
    expect(card.getGridOptions()).toEqual({ columns: "full", rows: "auto", min_columns: 6 });
    expect(() => card.setConfig({ type: "custom:xivo-queues-card" } as never)).toThrow(/device_id/);
    expect(() => card.setConfig({ type: "t", device_id: DEVICE_ID, queues: "1" as never })).toThrow(/queues/);
    expect(() => card.setConfig({ type: "t", device_id: DEVICE_ID, wait_warning: "60" as never })).toThrow(/wait_warning/);
    expect(XivoQueuesCard.getStubConfig(new FakeHome().hass())).toEqual({ device_id: DEVICE_ID });
  });

  it("speaks French", async () => {
    const home = new FakeHome({ language: "fr" });
    addDemoQueues(home, { answeredRate: 50 });
    const card = await mountWallboard(home);
    expect(regions(card)[0].text).toBe("Sales En attente 0 Attente la plus longue – Disponibles 1 En communication 0 Connectés 2 Répondus 50 %");
  });
});

describe("the wallboard's editor", () => {
  it("shares its thresholds with the phone card's editor, which also offers the agent and queues sections", () => {
    const form = XivoPhoneCard.getConfigForm();
    expect(form.schema.map((field) => field.name)).toEqual(["device_id", "sections", "colleagues", "waiting_warning", "wait_warning"]);
    expect(form.schema[3]).toEqual({ name: "waiting_warning", selector: { number: { min: 0, max: 999, mode: "box" } } });
    expect(form.computeLabel({ name: "waiting_warning" })).toBe("Warn from this many waiting callers");
    const sections = form.schema[1] as { selector: { select: { options: { value: string; label: string }[] } } };
    // In the card's order: the agent above the calls, the queues below them.
    expect(sections.selector.select.options.slice(0, 3)).toEqual([
      { value: "agent", label: "Agent" },
      { value: "calls", label: "Calls" },
      { value: "queues", label: "Queues" },
    ]);
  });

  it("offers the line's queues by name and the two thresholds", () => {
    const home = new FakeHome();
    addDemoQueues(home);
    const form = queuesEditorSchema(textsFor("en"), home.hass(), DEVICE_ID);
    expect(form.schema.map((field) => field.name)).toEqual(["device_id", "queues", "waiting_warning", "wait_warning"]);
    const queues = form.schema[1] as { selector: { select: { multiple: boolean; options: unknown[] } } };
    expect(queues.selector.select.multiple).toBe(true);
    expect(queues.selector.select.options).toEqual([
      { value: "1", label: "Sales" },
      { value: "2", label: "Support" },
    ]);
    expect(form.computeLabel({ name: "wait_warning" })).toBe("Warn from this longest wait (seconds)");
    expect(queuesEditorSchema(textsFor("fr"), home.hass(), DEVICE_ID).computeLabel({ name: "queues" })).toBe(
      "Files à afficher (par défaut : toutes celles de la ligne)",
    );
  });

  it("saves no queue chosen as every queue, and leaves blank thresholds out", async () => {
    expect(queuesConfigFrom({ type: "custom:xivo-queues-card", device_id: DEVICE_ID, queues: [], wait_warning: undefined })).toEqual({
      type: "custom:xivo-queues-card",
      device_id: DEVICE_ID,
    });
    const editor = (await XivoQueuesCard.getConfigElement()) as XivoQueuesCardEditor;
    expect(editor.tagName).toBe("XIVO-QUEUES-CARD-EDITOR");
    editor.setConfig({ type: "custom:xivo-queues-card", device_id: DEVICE_ID });
    document.body.append(editor);
    await editor.updateComplete;
    const saved: unknown[] = [];
    editor.addEventListener("config-changed", (e) => saved.push((e as CustomEvent).detail.config));
    editor.shadowRoot!.querySelector("ha-form")!.dispatchEvent(
      new CustomEvent("value-changed", { detail: { value: { type: "custom:xivo-queues-card", device_id: DEVICE_ID, queues: ["2"], waiting_warning: 5 } } }),
    );
    expect(saved).toEqual([{ type: "custom:xivo-queues-card", device_id: DEVICE_ID, queues: ["2"], waiting_warning: 5 }]);
  });
});
