/** `<xivo-phone-call>`: one call of the line, its actions, and its transfer or tone panel. */
import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { format } from "../i18n";
import { partyName } from "../line";
import type { XivoCall } from "../types";
import { ContactSearchSection } from "./contacts";
import { DIAL_KEYS } from "./dialpad";

export class XivoPhoneCall extends ContactSearchSection {
  static override properties = {
    call: { attribute: false },
    transferOpen: { type: Boolean },
    keypadOpen: { type: Boolean },
    _destination: { state: true },
  };

  declare call: XivoCall;
  declare transferOpen: boolean;
  declare keypadOpen: boolean;
  /** What is typed in the transfer field. */
  declare _destination: string;

  constructor() {
    super();
    this.transferOpen = false;
    this.keypadOpen = false;
    this._destination = "";
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A panel opened afresh starts empty.
    if (changed.has("transferOpen") && !this.transferOpen) {
      this._destination = "";
      this.search.clear();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has("transferOpen") && this.transferOpen) {
      this.querySelector<HTMLInputElement>(".transfer-destination")?.focus();
    }
  }

  protected override render(): TemplateResult {
    const { t, off, call } = this;
    const uid = call.unique_id;
    const name = partyName(call.other_name, call.other_number) ?? t.unknownCaller;
    const incomingRing = call.state === "ringing" && call.direction !== "outgoing";
    const established = call.state === "established";
    const answered = established || call.state === "on_hold";
    const button = (label: string, service: string, cls = "") =>
      html`<button type="button" class=${cls} ?disabled=${off} @click=${() => this.ctx.act(service, { unique_id: uid })}>
        ${label}
      </button>`;
    return html`<div class="call-head">
        <span class="party">${name}</span>
        ${answered && call.answered_at
          ? html`<xivo-call-timer .since=${call.answered_at} .label=${t.callDuration}></xivo-call-timer>`
          : nothing}
      </div>
      <div class="call-meta">
        ${call.other_name && call.other_number ? html`<span class="number">${call.other_number}</span>` : nothing}
        ${call.direction ? html`<span class="direction">${t[call.direction]}</span>` : nothing}
        ${call.queue ? html`<span class="queue">${format(t.queue, { queue: call.queue })}</span>` : nothing}
        <span class="state">${t[`call_${call.state}`]}</span>
      </div>
      <div class="actions">
        ${incomingRing ? button(t.answer, "answer", "answer") : nothing}
        ${established ? button(t.hold, "hold") : nothing}
        ${call.state === "on_hold" ? button(t.resume, "hold") : nothing}
        ${established
          ? html`<button type="button" aria-expanded=${this.transferOpen ? "true" : "false"} ?disabled=${off}
                @click=${() => this.ctx.openTransfer(uid)}>${t.transfer}</button>
              <button type="button" aria-expanded=${this.keypadOpen ? "true" : "false"} ?disabled=${off}
                @click=${() => this.ctx.toggleKeypad(uid)}>${t.keypad}</button>`
          : nothing}
        ${button(t.hangup, "hangup", "hangup")}
      </div>
      ${this.transferOpen ? this.renderTransfer() : nothing}
      ${this.keypadOpen ? this.renderTones() : nothing}`;
  }

  private renderTransfer(): TemplateResult {
    const { t, off, search } = this;
    const empty = !this._destination.trim();
    return html`<div class="panel transfer-panel" @keydown=${(e: KeyboardEvent) => e.key === "Escape" && this.ctx.closeTransfer()}>
      <label class="field">
        <span>${t.transferDestination}</span>
        <input type="text" class="transfer-destination" autocomplete="off" inputmode="tel"
          placeholder=${t.numberPlaceholder} .value=${live(this._destination)} ?disabled=${off}
          @input=${(e: InputEvent) => {
            this._destination = (e.target as HTMLInputElement).value;
            search.input(this._destination);
          }}
          @keydown=${(e: KeyboardEvent) => e.key === "Enter" && this.transfer("direct")} />
      </label>
      ${this.renderMatches(t.chooseContact, (contact) => {
        this._destination = contact.number ?? contact.mobile ?? "";
        search.clear();
      })}
      <div class="actions">
        <button type="button" class="primary" ?disabled=${off || empty}
          @click=${() => this.transfer("direct")}>${t.blindTransfer}</button>
        <button type="button" ?disabled=${off || empty}
          @click=${() => this.transfer("attended")}>${t.attendedTransfer}</button>
        <button type="button" @click=${() => this.ctx.closeTransfer()}>${t.close}</button>
      </div>
    </div>`;
  }

  private renderTones(): TemplateResult {
    const { t, off } = this;
    return html`<div class="panel dtmf">
      <div class="keypad">
        ${DIAL_KEYS.map(
          (key) => html`<button type="button" aria-label=${format(t.sendTone, { key })} ?disabled=${off}
            @click=${() => this.ctx.act("send_dtmf", { key })}>${key}</button>`,
        )}
      </div>
    </div>`;
  }

  /** Transfer to what was typed: a number, or the one contact it matches. */
  private async transfer(kind: "direct" | "attended"): Promise<void> {
    const destination = await this.typedDestination(() => this._destination);
    if (!destination) return;
    await this.ctx.transfer(kind, this.call.unique_id, destination);
  }
}
