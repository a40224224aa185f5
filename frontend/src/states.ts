/** Phone statuses in words: Home Assistant's own translations of the integration's states. */
import { DOMAIN, phoneStatusOf } from "./line";
import type { HassEntity, HomeAssistant } from "./types";

/**
 * The words for a phone status (`available`, `busy`, …, `unknown`, `unavailable`). The entity's
 * state as the frontend shows it when `stateObj` holds that status; else the same translation
 * looked up by key (a contact's status, a configured number without a sensor, a link that is
 * down); else the status itself.
 */
export function phoneStatusText(hass: HomeAssistant | undefined, status: string, stateObj?: HassEntity): string {
  if (stateObj && stateObj.state === status && hass?.formatEntityState) return hass.formatEntityState(stateObj);
  const key =
    status === "unknown" || status === "unavailable"
      ? `state.default.${status}`
      : `component.${DOMAIN}.entity.sensor.hint.state.${phoneStatusOf(status)}`;
  return hass?.localize?.(key) || status;
}
