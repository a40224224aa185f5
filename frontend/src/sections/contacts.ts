/** A contact search's list, as the dial pad and the transfer panel show it. */
import { LitElement, html, nothing, type PropertyDeclarations, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { LineContext } from "../context";
import { format, type Texts } from "../i18n";
import { normaliseNumber, phoneStatusOf } from "../line";
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

/**
 * What the dial pad and a call's transfer panel share: a number or a name typed, the directory's
 * matches under it, and the number that the text stands for.
 */
export abstract class ContactSearchSection extends LitElement {
  static override properties: PropertyDeclarations = {
    ctx: { attribute: false },
    hass: { attribute: false },
    t: { attribute: false },
    off: { type: Boolean },
  };

  declare ctx: LineContext;
  declare hass: HomeAssistant;
  declare t: Texts;
  declare off: boolean;

  protected readonly search = ContactSearch.for(
    this,
    (term) => this.ctx.searchContacts(term),
    (error) => this.ctx.showError(error),
  );

  constructor() {
    super();
    this.off = false;
  }

  // Light DOM: styled by the card's shadow root, queried like the rest of the card.
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** The search's matches, each a button labelled `label` (a text with {name}) that `pick`s it. */
  protected renderMatches(label: string, pick: (contact: XivoContact) => void): TemplateResult | typeof nothing {
    const { t, off } = this;
    return renderContacts(t, this.search, off, (contact) =>
      html`<button type="button" class="contact" aria-label=${format(label, { name: contact.name })}
        ?disabled=${off} @click=${() => pick(contact)}>${contactContent(this.hass, contact)}</button>`);
  }

  /**
   * The number the text that `typed()` reads stands for (see destinationFor). Null when the
   * typing went on meanwhile, or when the text stands for none (then the user is told).
   */
  protected async typedDestination(typed: () => string): Promise<string | null> {
    const text = typed();
    const destination = await destinationFor(text, this.search, normaliseNumber);
    if (text !== typed()) return null; // typing went on meanwhile
    if (!destination) {
      this.ctx.say(this.t.needNumber);
      return null;
    }
    return destination;
  }
}
