/**
 * The wallboard's editor: Home Assistant's own form, with the line's queues to choose from (none
 * chosen: every queue the line shows) and the two warning thresholds.
 */
import { findQueues } from "./cc";
import { CardEditor, checklist, deviceField, labelsFor, thresholdSchema } from "./editor";
import type { Texts } from "./i18n";
import type { HomeAssistant, XivoQueuesCardConfig } from "./types";

/** The `ha-form` schema of the wallboard, with the queues of the chosen line as options. */
export function queuesEditorSchema(t: Texts, hass: HomeAssistant | undefined, deviceId: string | undefined) {
  const queues = deviceId ? findQueues(hass, deviceId) : [];
  const name = (deviceId: string) => hass?.devices?.[deviceId]?.name_by_user || hass?.devices?.[deviceId]?.name;
  return {
    schema: [
      deviceField(),
      checklist("queues", queues.map((queue) => ({ value: queue.id, label: name(queue.deviceId) || queue.id }))),
      ...thresholdSchema(),
    ],
    computeLabel: labelsFor(t),
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

export class XivoQueuesCardEditor extends CardEditor<XivoQueuesCardConfig> {
  protected override form(t: Texts) {
    return queuesEditorSchema(t, this.hass, this._config?.device_id);
  }

  protected override formData(config: XivoQueuesCardConfig) {
    return config;
  }

  protected override configFrom(value: Record<string, unknown>) {
    return queuesConfigFrom(value);
  }
}
