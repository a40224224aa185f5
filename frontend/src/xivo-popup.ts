/**
 * The incoming-call popup, loaded on every page of Home Assistant (the integration adds it with
 * `frontend.add_extra_js_url`). It subscribes to `xivo/incoming_calls/subscribe`, which sends
 * this user the calls ringing on the lines they are chosen for, and shows each in a dialog.
 */
import { XivoCallPopup } from "./popup/element";
import type { PopupHass, RingingCall } from "./popup/types";

export const TAG = "xivo-call-popup";
const SUBSCRIBE = { type: "xivo/incoming_calls/subscribe" };

type HassHost = HTMLElement & { hass?: PopupHass };

/** Subscribe for this page, once `hass` is there; the popup element, added to the page. */
export async function startPopup(host: HassHost, every = 100): Promise<XivoCallPopup> {
  // The frontend sets `hass` once it has connected: until then there is nothing to ask.
  while (!host.hass?.connection) await new Promise((done) => setTimeout(done, every));
  const popup = document.createElement(TAG) as XivoCallPopup;
  popup.hass = host.hass;
  document.body.append(popup);
  // The connection re-subscribes by itself after a reconnection.
  await host.hass.connection.subscribeMessage<{ calls: RingingCall[] }>((message) => {
    // The latest hass: its language, and its connection for the actions.
    popup.hass = host.hass ?? popup.hass;
    popup.calls = message.calls;
  }, SUBSCRIBE);
  return popup;
}

if (!customElements.get(TAG)) {
  customElements.define(TAG, XivoCallPopup);
  // Not in the unit tests' page, which has no Home Assistant.
  void customElements.whenDefined("home-assistant").then(() => {
    const host = document.querySelector<HassHost>("home-assistant");
    if (host) startPopup(host).catch(() => undefined); // an older integration: no popup
  });
}
