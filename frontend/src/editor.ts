/**
 * The card's editor: Home Assistant's own form, shown with the default filled in (every section
 * ticked when `sections` is not set) and saved without it. Blank colleague rows are kept while
 * editing (a row just added is blank) and dropped by the card.
 */
import { LitElement, html, type TemplateResult } from "lit";
import { textsFor, type TextKey, type Texts } from "./i18n";
import { DOMAIN } from "./line";
import { SECTIONS, type HomeAssistant, type XivoPhoneCardConfig } from "./types";

/** The `ha-form` schema and labels of the card's options. */
export function editorSchema(t: Texts) {
  return {
    schema: [
      deviceField(),
      checklist("sections", SECTIONS.map((section) => ({ value: section, label: t[`section_${section}`] }))),
      { name: "colleagues", selector: { text: { multiple: true } } },
      ...thresholdSchema(),
    ],
    computeLabel: labelsFor(t),
  };
}

/** The line, first in both cards' forms: a device of this integration. */
export function deviceField() {
  return { name: "device_id", required: true, selector: { device: { integration: DOMAIN } } };
}

/** A field of ticked values, one a line. */
export function checklist(name: string, options: { value: string; label: string }[]) {
  return { name, selector: { select: { multiple: true, mode: "list", options } } };
}

/** Both cards' field labels: the `editor_<name>` text, where there is one. */
export function labelsFor(t: Texts) {
  return (schema: { name: string }) => {
    const key = `editor_${schema.name}` as TextKey;
    return key in t ? t[key] : undefined;
  };
}

/** The queues' warning thresholds, in both cards' forms (blank: the default). */
export function thresholdSchema() {
  return [
    { name: "waiting_warning", selector: { number: { min: 0, max: 999, mode: "box" } } },
    { name: "wait_warning", selector: { number: { min: 0, max: 86400, mode: "box", unit_of_measurement: "s" } } },
  ];
}

/** What the form shows for a config: the sections shown, ticked. */
export function formData(config: XivoPhoneCardConfig): Record<string, unknown> {
  return { ...config, sections: config.sections?.length ? config.sections : [...SECTIONS] };
}

/** The config the form's values stand for: the default sections left out. */
export function configFrom(value: Record<string, unknown>): XivoPhoneCardConfig {
  const config = { ...value } as XivoPhoneCardConfig & Record<string, unknown>;
  const sections = Array.isArray(config.sections) ? config.sections : [];
  // Every section ticked is the default; none ticked would be an empty card, which is the default too.
  if (sections.length === 0 || SECTIONS.every((section) => sections.includes(section))) delete config.sections;
  else config.sections = SECTIONS.filter((section) => sections.includes(section));
  return config;
}

interface CardHelpers {
  createCardElement(config: Record<string, unknown>): HTMLElement;
}

/**
 * Make sure Home Assistant's `ha-form` is defined: the frontend loads it with its own editors,
 * which a card with its own editor element bypasses. Loading the entities card's editor loads it.
 */
export async function loadHaForm(): Promise<void> {
  if (customElements.get("ha-form")) return;
  const load = (window as unknown as { loadCardHelpers?: () => Promise<CardHelpers> }).loadCardHelpers;
  if (!load) return;
  (await load()).createCardElement({ type: "entities", entities: ["sun.sun"] });
  const entitiesCard = customElements.get("hui-entities-card") as { getConfigElement?: () => Promise<unknown> } | undefined;
  await entitiesCard?.getConfigElement?.();
}

/**
 * A card's editor: Home Assistant's `ha-form` on the card's config; each change is told the
 * dashboard editor as a `config-changed` event with the config it stands for.
 */
export abstract class CardEditor<C extends object> extends LitElement {
  static override properties = {
    hass: { attribute: false },
    _config: { state: true },
  };

  declare hass: HomeAssistant | undefined;
  declare _config: C | undefined;

  setConfig(config: C): void {
    this._config = config;
  }

  /** The form's schema and labels. */
  protected abstract form(t: Texts): { schema: unknown[]; computeLabel: (schema: { name: string }) => string | undefined };

  /** What the form shows for a config. */
  protected abstract formData(config: C): object;

  /** The config the form's values stand for. */
  protected abstract configFrom(value: Record<string, unknown>): C;

  protected override render(): TemplateResult {
    const form = this.form(textsFor(this.hass?.language));
    return html`<ha-form
      .hass=${this.hass}
      .data=${this._config ? this.formData(this._config) : {}}
      .schema=${form.schema}
      .computeLabel=${form.computeLabel}
      @value-changed=${this._changed}
    ></ha-form>`;
  }

  private _changed(event: CustomEvent<{ value: Record<string, unknown> }>): void {
    event.stopPropagation();
    const config = this.configFrom(event.detail.value);
    this._config = config;
    this.dispatchEvent(new CustomEvent("config-changed", { detail: { config }, bubbles: true, composed: true }));
  }
}

export class XivoPhoneCardEditor extends CardEditor<XivoPhoneCardConfig> {
  protected override form(t: Texts) {
    return editorSchema(t);
  }

  protected override formData(config: XivoPhoneCardConfig) {
    return formData(config);
  }

  protected override configFrom(value: Record<string, unknown>) {
    return configFrom(value);
  }
}
