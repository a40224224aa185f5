/** A contact search's list, as the dial pad and the transfer panel show it. */
import { html, nothing, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { Texts } from "../i18n";
import { phoneStatusOf } from "../line";
import { ContactSearch, SEARCH_MIN_LENGTH } from "../search";
import { phoneStatusText } from "../states";
import type { HomeAssistant, XivoContact } from "../types";

export function contactContent(hass: HomeAssistant, contact: XivoContact): TemplateResult {
  const status = contact.status ? phoneStatusOf(contact.status) : null;
  return html`${status
      ? html`<span class="dot status-${status}" title=${phoneStatusText(hass, status)} aria-hidden="true"></span>`
      : nothing}
    <span class="name">${contact.name}</span>
    <span class="muted">${contact.number ?? contact.mobile}</span>`;
}

export function renderContacts(
  t: Texts,
  search: ContactSearch,
  off: boolean,
  item: (contact: XivoContact) => TemplateResult,
): TemplateResult | typeof nothing {
  if (off || (!search.pending && search.term.length < SEARCH_MIN_LENGTH)) return nothing;
  if (search.pending) return html`<p class="muted searching" aria-live="polite">${t.searching}</p>`;
  if (!search.results.length) return html`<p class="muted no-contacts" aria-live="polite">${t.noContacts}</p>`;
  return html`<ul class="contacts">
    ${repeat(search.results, (c) => `${c.name}|${c.number}|${c.mobile}`, (c) => html`<li>${item(c)}</li>`)}
  </ul>`;
}

/**
 * The number a typed text stands for: the text itself when it is a number, else the one contact
 * the directory finds for it (searched now if it was still waiting for the typing to pause).
 * Null when it is neither.
 */
export async function destinationFor(
  typed: string,
  search: ContactSearch,
  normalise: (input: string) => string | null,
): Promise<string | null> {
  const number = normalise(typed);
  if (number) return number;
  if (search.term !== typed.trim()) search.input(typed);
  const found = await search.settled();
  const only = found?.length === 1 ? found[0] : null;
  return only ? (only.number ?? only.mobile) : null;
}
