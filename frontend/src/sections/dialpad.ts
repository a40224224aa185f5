/** `<xivo-dialpad-section>`: a number or a name to call, with the directory's matches and 12 keys. */
import { html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import type { XivoContact } from "../types";
import { ContactSearchSection } from "./contacts";

export const DIAL_KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"] as const;

export class XivoDialpadSection extends ContactSearchSection {
  static override properties = {
    keysHidden: { type: Boolean },
    _dial: { state: true },
  };

  /** A call's tone keypad is open: one 12-key grid on the card at a time. */
  declare keysHidden: boolean;
  declare _dial: string;

  constructor() {
    super();
    this.keysHidden = false;
    this._dial = "";
  }

  protected override render(): TemplateResult {
    const { t, off } = this;
    return html`<section class="dialpad-section" aria-labelledby="xivo-dialpad-title">
      <h3 id="xivo-dialpad-title">${t.section_dialpad}</h3>
      <div class="dialpad">
        <div class="field">
          <label for="xivo-dial">${t.number}</label>
          <div class="field-row">
            <input id="xivo-dial" type="text" inputmode="tel" autocomplete="off" placeholder=${t.numberPlaceholder}
              .value=${live(this._dial)} ?disabled=${off}
              @input=${(e: InputEvent) => this.setDial((e.target as HTMLInputElement).value)}
              @keydown=${(e: KeyboardEvent) => e.key === "Enter" && this.callTyped()} />
            <button type="button" class="icon" aria-label=${t.deleteDigit} ?disabled=${off || !this._dial}
              @click=${() => this.setDial(this._dial.slice(0, -1))}><span aria-hidden="true">⌫</span></button>
            <button type="button" class="primary dial-call" ?disabled=${off || !this._dial.trim()}
              @click=${() => this.callTyped()}>${t.call}</button>
          </div>
        </div>
        ${this.renderMatches(t.callName, (contact) => this.callContact(contact))}
        ${this.keysHidden
          ? nothing
          : html`<div class="keypad dial-keys">
              ${DIAL_KEYS.map(
                (key) => html`<button type="button" ?disabled=${off} @click=${() => this.setDial(this._dial + key)}>
                  ${key}
                </button>`,
              )}
            </div>`}
      </div>
    </section>`;
  }

  private setDial(value: string): void {
    this._dial = value;
    this.search.input(value);
  }

  private clear(): void {
    this._dial = "";
    this.search.clear();
  }

  /** Call what was typed: a number, or the one contact it matches. */
  private async callTyped(): Promise<void> {
    const destination = await this.typedDestination(() => this._dial);
    if (!destination) return;
    if (await this.ctx.dial(destination)) this.clear();
  }

  private async callContact(contact: XivoContact): Promise<void> {
    const destination = contact.number ?? contact.mobile;
    if (destination && (await this.ctx.dial(destination))) this.clear();
  }
}
