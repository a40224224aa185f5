/** The card's header: the line's name and number, and chips for what holds for the whole line. */
import { html, nothing, type TemplateResult } from "lit";
import { format, type Texts } from "../i18n";
import type { DeviceRegistryEntry } from "../types";

export interface HeaderView {
  device: DeviceRegistryEntry | undefined;
  up: boolean;
  /** The phone status, as a class name, and in words. */
  status: string;
  statusText: string;
  dnd: boolean;
  /** The unconditional forward is on: to this destination ("" when it is not known). */
  forwardedTo: string | null;
  voicemail: number;
}

export function renderHeader(t: Texts, view: HeaderView): TemplateResult {
  const { device, up, status } = view;
  const name = device?.name_by_user || device?.name || t.cardName;
  return html`<header>
    <div class="line">
      <h2 class="line-name">${name}</h2>
      ${device?.serial_number ? html`<span class="line-number">${device.serial_number}</span>` : nothing}
    </div>
    <div class="chips">
      <span class="chip phone-status status-${status}" title=${t.phoneStatus}>
        <span class="dot" aria-hidden="true"></span>
        <span><span class="visually-hidden">${t.phoneStatus}: </span>${view.statusText}</span>
      </span>
      <span class="chip link ${up ? "link-up" : "link-down"}">
        <span class="dot" aria-hidden="true"></span>${up ? t.linkUp : t.linkOff}
      </span>
      ${up && view.dnd ? html`<span class="chip dnd-on"><span class="dot" aria-hidden="true"></span>${t.dnd}</span>` : nothing}
      ${up && view.forwardedTo !== null
        ? html`<span class="chip forward-on"><span class="dot" aria-hidden="true"></span>${view.forwardedTo
            ? format(t.forwardedTo, { destination: view.forwardedTo })
            : t.forward_unconditional}</span>`
        : nothing}
      ${up && view.voicemail > 0
        ? html`<span class="chip voicemail">${format(t.voicemail, { count: view.voicemail })}</span>`
        : nothing}
    </div>
  </header>`;
}
