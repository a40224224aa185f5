/** `<xivo-recent-section>`: the missed-call counter and the server's recent calls, with call back. */
import { LitElement, html, nothing, svg, type TemplateResult } from "lit";
import type { LineContext } from "../context";
import { format, type Texts } from "../i18n";
import { formatDuration, partyName } from "../line";
import { formatTime } from "../time";
import type { HassEntity, HomeAssistant, XivoHistoryCall } from "../types";

// mdi:phone, inline so that it shows without an icon font or HA's ha-icon.
const PHONE_ICON = svg`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"><path fill="currentColor" d="M6.62,10.79C8.06,13.62 10.38,15.94 13.21,17.38L15.41,15.18C15.69,14.9 16.08,14.82 16.43,14.93C17.55,15.3 18.75,15.5 20,15.5A1,1 0 0,1 21,16.5V20A1,1 0 0,1 20,21A17,17 0 0,1 3,4A1,1 0 0,1 4,3H7.5A1,1 0 0,1 8.5,4C8.5,5.25 8.7,6.45 9.07,7.57C9.18,7.92 9.1,8.31 8.82,8.59L6.62,10.79Z"/></svg>`;

export class XivoRecentSection extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    hass: { attribute: false },
    t: { attribute: false },
    off: { type: Boolean },
    missed: { attribute: false },
    canReset: { type: Boolean },
    calls: { attribute: false },
    error: { attribute: false },
  };

  declare ctx: LineContext;
  declare hass: HomeAssistant;
  declare t: Texts;
  declare off: boolean;
  /** The `missed_calls` sensor, if the line has one. */
  declare missed: HassEntity | undefined;
  /** The line has a `reset_missed_calls` button. */
  declare canReset: boolean;
  /** The server's history, newest first; null until it arrives. */
  declare calls: XivoHistoryCall[] | null;
  declare error: string | null;

  constructor() {
    super();
    this.off = false;
    this.canReset = false;
    this.calls = null;
    this.error = null;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override render(): TemplateResult {
    const { t, off, missed, calls } = this;
    const missedCount = missed && /^\d+$/.test(missed.state) ? Number(missed.state) : null;
    return html`<section class="recent" aria-labelledby="xivo-recent-title">
      <h3 id="xivo-recent-title">${t.section_recent}</h3>
      ${missed
        ? html`<div class="recent-head">
            <span class="missed-count">${format(t.missedCount, { count: missedCount ?? "–" })}</span>
            ${this.canReset
              ? html`<button type="button" ?disabled=${off || !missedCount} @click=${() => this.ctx.resetMissed()}>
                  ${t.resetMissed}
                </button>`
              : nothing}
          </div>
          ${missedCount ? this.renderLastMissed(missed) : nothing}`
        : nothing}
      ${this.error ? html`<p class="muted history-error">${this.error}</p>` : nothing}
      ${calls === null
        ? html`<p class="muted">${off ? "" : t.loading}</p>`
        : calls.length === 0
          ? html`<p class="muted">${t.noRecent}</p>`
          : html`<ul class="history">
              ${calls.map((call) => this.renderItem(call))}
            </ul>`}
    </section>`;
  }

  /** Who the counter's last missed call was from: the name, else the number, and when. */
  private renderLastMissed(missed: HassEntity): TemplateResult | typeof nothing {
    const text = (value: unknown) => (typeof value === "string" && value ? value : null);
    const who = partyName(text(missed.attributes.last_caller_name), text(missed.attributes.last_caller_number));
    if (!who) return nothing;
    const when = formatTime(text(missed.attributes.last_missed_at), this.hass);
    return html`<p class="muted last-missed">${format(when ? this.t.lastMissedAt : this.t.lastMissed, { who, when })}</p>`;
  }

  private renderItem(call: XivoHistoryCall): TemplateResult {
    const { t, off } = this;
    const missed = call.status === "missed";
    const who = partyName(call.name, call.number) ?? t.unknownCaller;
    const direction = call.direction === "incoming" || call.direction === "outgoing" ? t[call.direction] : null;
    return html`<li class="history-item ${missed ? "missed" : ""}">
      <div class="who">
        <span>${who}</span>
        <span class="muted">
          ${missed ? html`<span class="tag-missed">${t.missed}</span> · ` : direction ? html`${direction} · ` : nothing}
          ${formatTime(call.start, this.hass)}${!missed && call.duration ? html` · ${formatDuration(call.duration)}` : nothing}
        </span>
      </div>
      ${call.number
        ? html`<button type="button" class="icon call-back" aria-label=${format(t.callBack, { name: who })}
            ?disabled=${off} @click=${() => this.ctx.dial(call.number!)}>${PHONE_ICON}</button>`
        : nothing}
    </li>`;
  }
}
