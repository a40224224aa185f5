/**
 * The wallboard's editor: Home Assistant's own form, with the line's queues to choose from (none
 * chosen: every queue the line shows) and the two warning thresholds.
 */
import { LitElement, html, type TemplateResult } from "lit";
import { findQueues } from "./cc";
import { thresholdSchema } from "./editor";
import { textsFor, type TextKey, type Texts } from "./i18n";
import { DOMAIN } from "./line";
import type { HomeAssistant, XivoQueuesCardConfig } from "./types";

/** The `ha-form` schema of the wallboard, with the queues of the chosen line as options. */
export function queuesEditorSchema(t: Texts, hass: HomeAssistant | undefined, deviceId: string | undefined) {
  const queues = deviceId ? findQueues(hass, deviceId) : [];
  const name = (deviceId: string) => hass?.devices?.[deviceId]?.name_by_user || hass?.devices?.[deviceId]?.name;
  return {
    schema: [
      { name: "device_id", required: true, selector: { device: { integration: DOMAIN } } },
      {
        name: "queues",
        selector: {
          select: {
            multiple: true,
            mode: "list",
            options: queues.map((queue) => ({ value: queue.id, label: name(queue.deviceId) || queue.id })),
          },
        },
      },
      ...thresholdSchema(),
    ],
    computeLabel: (schema: { name: string }) => {
      const key = `editor_${schema.name}` as TextKey;
      return key in t ? t[key] : undefined;
    },
  };
}

/** The config the form's values stand for: no queue chosen is every queue (the key left out). */
export function queuesConfigFrom(value: Record<string, unknown>): XivoQueuesCardConfig {
  const config = { ...value } as XivoQueuesCardConfig & Record<string, unknown>;
  if (!Array.isArray(config.queues) || config.queues.length === 0) delete config.queues;
  for (const key of ["waiting_warning", "wait_warning"] as const) {
    if (config[key] === undefined || config[key] === null || (config[key] as unknown) === "") delete config[key];
  }
  return config;
}

export class XivoQueuesCardEditor extends LitElement {
  static override properties = {
    hass: { attribute: false },
    _config: { state: true },
  };

  declare hass: HomeAssistant | undefined;
  declare _config: XivoQueuesCardConfig | undefined;

  setConfig(config: XivoQueuesCardConfig): void {
    this._config = config;
  }

  protected override render(): TemplateResult {
    const form = queuesEditorSchema(textsFor(this.hass?.language), this.hass, this._config?.device_id);
    return html`<ha-form
      .hass=${this.hass}
      .data=${this._config ?? {}}
      .schema=${form.schema}
      .computeLabel=${form.computeLabel}
      @value-changed=${this._changed}
    ></ha-form>`;
  }

  private _changed(event: CustomEvent<{ value: Record<string, unknown> }>): void {
    event.stopPropagation();
    const config = queuesConfigFrom(event.detail.value);
    this._config = config;
    this.dispatchEvent(new CustomEvent("config-changed", { detail: { config }, bubbles: true, composed: true }));
  }
}
