/** `<xivo-phone-card>`: remote control of one XiVO line, through the `xivo.*` actions only. */
import { LitElement, html, nothing, svg, type PropertyValues, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import { repeat } from "lit/directives/repeat.js";
import { format, textsFor, type TextKey, type Texts } from "./i18n";
import type { LampTapDetail } from "./lamp";
import {
  DOMAIN,
  LINE_KEYS,
  findLineEntities,
  firstXivoDevice,
  formatDuration,
  hintNumber,
  normaliseNumber,
  partyName,
  phoneStatusOf,
  readCalls,
  readContacts,
  readHistory,
  type LineEntityIds,
  type LineKey,
} from "./line";
import { ContactSearch, SEARCH_MIN_LENGTH } from "./search";
import { cardStyles } from "./styles";
import {
  FORWARDS,
  SECTIONS,
  type ForwardKind,
  type HassEntity,
  type HomeAssistant,
  type Section,
  type XivoCall,
  type XivoContact,
  type XivoHistoryCall,
  type XivoPhoneCardConfig,
} from "./types";

export const HISTORY_SIZE = 10;
/** XUC's history may lag the end of a call a little: ask again after this. */
export const HISTORY_REFRESH_DELAY_MS = 1500;
/** How long a switch shows the value sent before falling back to what its entity says. */
export const SENT_TIMEOUT_MS = 10_000;
const DIAL_KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"] as const;
// mdi:phone, inline so that it shows without an icon font or HA's ha-icon.
const PHONE_ICON = svg`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"><path fill="currentColor" d="M6.62,10.79C8.06,13.62 10.38,15.94 13.21,17.38L15.41,15.18C15.69,14.9 16.08,14.82 16.43,14.93C17.55,15.3 18.75,15.5 20,15.5A1,1 0 0,1 21,16.5V20A1,1 0 0,1 20,21A17,17 0 0,1 3,4A1,1 0 0,1 4,3H7.5A1,1 0 0,1 8.5,4C8.5,5.25 8.7,6.45 9.07,7.57C9.18,7.92 9.1,8.31 8.82,8.59L6.62,10.79Z"/></svg>`;
const DOCUMENTATION_URL = "https://github.com/xivo-home-assistant/xivo-home-assistant#the-phone-card";

// Made once: building a collator or a date format costs more than using it, and the lamps are
// sorted and the recent calls' times formatted on every render (a 100-lamp grid's sort alone
// took ~1 ms per render with localeCompare's options).
const NUMBER_ORDER = new Intl.Collator(undefined, { numeric: true });
const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** The time of a recent call in `language`, with the date unless it is today (throws on a bad tag). */
function dateFormat(language: string, sameDay: boolean): Intl.DateTimeFormat {
  const key = `${language}|${sameDay}`;
  let format = DATE_FORMATS.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, sameDay ? { timeStyle: "short" } : { dateStyle: "short", timeStyle: "short" });
    DATE_FORMATS.set(key, format);
  }
  return format;
}

/** An attended transfer started from this card: the held call and, once it rings, the consultation. */
interface AttendedTransfer {
  held: string;
  /** The calls there were when it started, to recognise the consultation call. */
  before: string[];
  consult: string | null;
  /** The held call has been seen on hold (so "established" again means the dial failed). */
  sawHold: boolean;
}

interface Lamp {
  number: string;
  name: string;
  status: string;
}

/** The text of whatever a rejected action or websocket call gave (HA errors carry `message`). */
export function errorMessage(error: unknown, fallback: string): string {
  if (typeof error === "string" && error) return error;
  const message = (error as { message?: unknown } | null | undefined)?.message;
  return typeof message === "string" && message ? message : fallback;
}

export class XivoPhoneCard extends LitElement {
  static override styles = cardStyles;

  static override properties = {
    _config: { state: true },
    _error: { state: true },
    _dial: { state: true },
    _transferFor: { state: true },
    _transferDest: { state: true },
    _keypadFor: { state: true },
    _attended: { state: true },
    _history: { state: true },
    _historyError: { state: true },
    _drafts: { state: true },
    _sent: { state: true },
  };

  declare _config: XivoPhoneCardConfig | undefined;
  declare _error: string | null;
  declare _dial: string;
  declare _transferFor: string | null;
  declare _transferDest: string;
  declare _keypadFor: string | null;
  declare _attended: AttendedTransfer | null;
  declare _history: XivoHistoryCall[] | null;
  declare _historyError: string | null;
  declare _drafts: Partial<Record<ForwardKind, string>>;
  /** Switch and destination values sent to the server and not yet reported back by their entity. */
  declare _sent: Partial<Record<LineKey, string | boolean>>;

  private _hass: HomeAssistant | undefined;
  private _ids: LineEntityIds = { byKey: {}, hints: [] };
  private _idsFor: { entities: unknown; deviceId: string } | undefined;
  private _historySeq = 0;
  private _historyRequested = false;
  private _historyTimer: ReturnType<typeof setTimeout> | undefined;
  /** Move the focus to the transfer field once it is rendered. */
  private _focusTransfer = false;
  private readonly _dialSearch: ContactSearch;
  private readonly _transferSearch: ContactSearch;

  constructor() {
    super();
    this._config = undefined;
    this._error = null;
    this._dial = "";
    this._transferFor = null;
    this._transferDest = "";
    this._keypadFor = null;
    this._attended = null;
    this._history = null;
    this._historyError = null;
    this._drafts = {};
    this._sent = {};
    const search = (term: string) => this._searchContacts(term);
    const changed = () => this.requestUpdate();
    const failed = (error: unknown) => this._showError(error);
    this._dialSearch = new ContactSearch(search, changed, failed);
    this._transferSearch = new ContactSearch(search, changed, failed);
  }

  // ------------------------------------------------------------------ Lovelace card API

  static getConfigForm() {
    const t = textsFor(globalThis.document?.documentElement?.lang);
    return {
      schema: [
        { name: "device_id", required: true, selector: { device: { integration: DOMAIN } } },
        {
          name: "sections",
          selector: {
            select: {
              multiple: true,
              mode: "list",
              options: SECTIONS.map((section) => ({ value: section, label: t[`section_${section}`] })),
            },
          },
        },
        { name: "colleagues", selector: { text: { multiple: true } } },
      ],
      computeLabel: (schema: { name: string }) => {
        const key = `editor_${schema.name}` as TextKey;
        return key in t ? t[key] : undefined;
      },
    };
  }

  static getStubConfig(hass?: HomeAssistant): Partial<XivoPhoneCardConfig> {
    const deviceId = firstXivoDevice(hass);
    return deviceId ? { device_id: deviceId } : {};
  }

  setConfig(config: XivoPhoneCardConfig): void {
    if (!config || typeof config !== "object") throw new Error("Invalid configuration");
    if (typeof config.device_id !== "string" || !config.device_id) {
      throw new Error("Choose the XiVO line: device_id is required");
    }
    if (config.sections !== undefined) {
      if (!Array.isArray(config.sections) || config.sections.some((s) => !SECTIONS.includes(s))) {
        throw new Error(`sections must be a list of: ${SECTIONS.join(", ")}`);
      }
    }
    if (config.colleagues !== undefined && !Array.isArray(config.colleagues)) {
      throw new Error("colleagues must be a list of numbers");
    }
    const previous = this._config?.device_id;
    this._config = {
      ...config,
      colleagues: config.colleagues?.map((number) => String(number).trim()).filter(Boolean),
    };
    if (previous !== config.device_id) {
      this._idsFor = undefined;
      this._attended = this._loadAttended();
      this._history = null;
      this._historyRequested = false;
    }
  }

  getCardSize(): number {
    const sections = this._sections();
    let size = 2;
    if (sections.has("calls")) size += 1 + this._calls().length * 2;
    if (sections.has("dialpad")) size += 4;
    if (sections.has("colleagues")) size += 1 + Math.ceil(this._lamps().length / 3);
    if (sections.has("recent")) size += 1 + Math.min(this._history?.length ?? 3, HISTORY_SIZE);
    if (sections.has("forwards")) size += 4;
    return size;
  }

  getGridOptions() {
    return { columns: 12, rows: "auto", min_columns: 6 };
  }

  // ------------------------------------------------------------------ hass, and what changed

  get hass(): HomeAssistant | undefined {
    return this._hass;
  }

  set hass(hass: HomeAssistant) {
    const old = this._hass;
    this._hass = hass;
    if (!this._config) return;
    if (old && !this._changedFor(old, hass)) return;
    this._lineChanged(old, hass);
    this.requestUpdate();
  }

  /** Whether anything this card shows differs between two `hass` objects. */
  private _changedFor(old: HomeAssistant, hass: HomeAssistant): boolean {
    const deviceId = this._config!.device_id;
    if (old.entities !== hass.entities || old.language !== hass.language) return true;
    if (old.devices?.[deviceId] !== hass.devices?.[deviceId]) return true;
    const ids = this._entityIds();
    for (const id of Object.values(ids.byKey)) if (old.states[id] !== hass.states[id]) return true;
    for (const id of ids.hints) if (old.states[id] !== hass.states[id]) return true;
    return false;
  }

  private _entityIds(): LineEntityIds {
    const entities = this._hass?.entities;
    const deviceId = this._config?.device_id ?? "";
    if (this._idsFor?.entities !== entities || this._idsFor?.deviceId !== deviceId) {
      this._ids = findLineEntities(entities, deviceId);
      this._idsFor = { entities, deviceId };
    }
    return this._ids;
  }

  /** Follow-ups of a state change: refresh the history after a call, track a transfer. */
  private _lineChanged(old: HomeAssistant | undefined, hass: HomeAssistant): void {
    const callStateId = this._entityIds().byKey.call_state;
    const calls = readCalls(callStateId ? hass.states[callStateId] : undefined);
    const ids = new Set(calls.map((call) => call.unique_id));
    if (old) {
      const before = readCalls(callStateId ? old.states[callStateId] : undefined);
      if (before.some((call) => !ids.has(call.unique_id))) this._refreshHistorySoon();
      const wasUp = this._linkUpIn(old);
      if (!wasUp && this._linkUpIn(hass)) this._historyRequested = false;
    }
    if (this._transferFor && !calls.some((c) => c.unique_id === this._transferFor && c.state === "established")) {
      this._closeTransfer();
    }
    if (this._keypadFor && !calls.some((c) => c.unique_id === this._keypadFor && c.state === "established")) {
      this._keypadFor = null;
    }
    this._trackAttended(calls);
    const sent = Object.keys(this._sent) as LineKey[];
    const reported = sent.filter((key) => {
      const id = this._entityIds().byKey[key];
      return !old || !id || old.states[id] !== hass.states[id] || !this._linkUpIn(hass);
    });
    if (reported.length) {
      const rest = { ...this._sent };
      for (const key of reported) delete rest[key];
      this._sent = rest;
    }
  }

  private _trackAttended(calls: XivoCall[]): void {
    const transfer = this._attended;
    if (!transfer) return;
    const held = calls.find((call) => call.unique_id === transfer.held);
    let next: AttendedTransfer | null = { ...transfer };
    if (!held) next = null;
    else if (transfer.consult === null) {
      const fresh = calls.find((call) => !transfer.before.includes(call.unique_id));
      if (fresh) next.consult = fresh.unique_id;
      if (held.state === "on_hold") next.sawHold = true;
      else if (transfer.sawHold && !fresh) next = null; // the consultation call failed
    } else if (!calls.some((call) => call.unique_id === transfer.consult)) next = null;
    if (JSON.stringify(next) !== JSON.stringify(transfer)) this._setAttended(next);
  }

  private _setAttended(transfer: AttendedTransfer | null): void {
    this._attended = transfer;
    try {
      const key = this._attendedKey();
      if (transfer) sessionStorage.setItem(key, JSON.stringify(transfer));
      else sessionStorage.removeItem(key);
    } catch {
      // No storage (private mode, tests): the transfer is only known until a reload.
    }
  }

  private _loadAttended(): AttendedTransfer | null {
    try {
      const stored = sessionStorage.getItem(this._attendedKey());
      return stored ? (JSON.parse(stored) as AttendedTransfer) : null;
    } catch {
      return null;
    }
  }

  private _attendedKey(): string {
    return `xivo-phone-card:attended:${this._config?.device_id ?? ""}`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._historyRequested = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._historyTimer);
    this._dialSearch.dispose();
    this._transferSearch.dispose();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this._focusTransfer) {
      this._focusTransfer = false;
      this.shadowRoot?.querySelector<HTMLInputElement>(".transfer-destination")?.focus();
    }
    if (!this._historyRequested && this._linkUp() && this._sections().has("recent")) {
      void this._fetchHistory();
    }
  }

  // ------------------------------------------------------------------ reading the line

  private _t(): Texts {
    return textsFor(this._hass?.language);
  }

  private _state(key: LineKey): HassEntity | undefined {
    const id = this._entityIds().byKey[key];
    return id ? this._hass?.states[id] : undefined;
  }

  private _linkUpIn(hass: HomeAssistant): boolean {
    const id = this._entityIds().byKey.connected;
    return id !== undefined && hass.states[id]?.state === "on";
  }

  private _linkUp(): boolean {
    return this._hass ? this._linkUpIn(this._hass) : false;
  }

  private _sections(): Set<Section> {
    return new Set(this._config?.sections?.length ? this._config.sections : SECTIONS);
  }

  private _calls(): XivoCall[] {
    return readCalls(this._state("call_state"));
  }

  private _lamps(): Lamp[] {
    const hass = this._hass;
    if (!hass) return [];
    const byNumber = new Map<string, string>();
    for (const id of this._entityIds().hints) byNumber.set(hintNumber(id, hass.states[id]), id);
    const numbers =
      this._config?.colleagues ??
      [...byNumber.keys()].sort(NUMBER_ORDER.compare);
    return numbers.map((number) => {
      const id = byNumber.get(number);
      const name = (id && hass.entities[id]?.name) || number;
      return { number, name, status: phoneStatusOf(id ? hass.states[id]?.state : undefined) };
    });
  }

  // ------------------------------------------------------------------ acting

  private _serviceData(data: Record<string, unknown>): Record<string, unknown> {
    return { device_id: this._config!.device_id, ...data };
  }

  /** Run a `xivo.*` action; an error shows in the card. True when it was accepted. */
  private async _act(service: string, data: Record<string, unknown> = {}): Promise<boolean> {
    if (!this._hass) return false;
    try {
      await this._hass.callService(DOMAIN, service, this._serviceData(data), undefined, false);
      return true;
    } catch (error) {
      this._showError(error);
      return false;
    }
  }

  /** Run a `xivo.*` action that returns data. */
  private async _ask(service: string, data: Record<string, unknown>): Promise<unknown> {
    const result = await this._hass!.callWS<{ response?: unknown }>({
      type: "call_service",
      domain: DOMAIN,
      service,
      service_data: this._serviceData(data),
      return_response: true,
    });
    return result?.response;
  }

  private _showError(error: unknown): void {
    this._error = errorMessage(error, this._t().errorUnknown);
  }

  private async _searchContacts(term: string): Promise<XivoContact[]> {
    return readContacts(await this._ask("search_contacts", { term }));
  }

  private async _fetchHistory(): Promise<void> {
    this._historyRequested = true;
    clearTimeout(this._historyTimer);
    const seq = ++this._historySeq;
    try {
      const history = readHistory(await this._ask("get_call_history", { size: HISTORY_SIZE }));
      if (seq !== this._historySeq) return;
      this._history = history;
      this._historyError = null;
    } catch (error) {
      if (seq !== this._historySeq) return;
      this._historyError = format(this._t().historyFailed, {
        message: errorMessage(error, this._t().errorUnknown),
      });
    }
  }

  private _refreshHistorySoon(): void {
    if (!this._sections().has("recent")) return;
    clearTimeout(this._historyTimer);
    this._historyTimer = setTimeout(() => {
      if (this._linkUp()) void this._fetchHistory();
    }, HISTORY_REFRESH_DELAY_MS);
  }

  private async _dialNumber(destination: string): Promise<boolean> {
    return this._act("dial", { destination });
  }

  private async _callTyped(): Promise<void> {
    const destination = normaliseNumber(this._dial);
    if (!destination) {
      this._error = this._t().needNumber;
      return;
    }
    if (await this._dialNumber(destination)) this._clearDial();
  }

  private async _callContact(contact: XivoContact): Promise<void> {
    const destination = contact.number ?? contact.mobile;
    if (destination && (await this._dialNumber(destination))) this._clearDial();
  }

  private _clearDial(): void {
    this._dial = "";
    this._dialSearch.clear();
  }

  private _setDial(value: string): void {
    this._dial = value;
    this._dialSearch.input(value);
  }

  private _openTransfer(uniqueId: string): void {
    if (this._transferFor === uniqueId) {
      this._closeTransfer();
      return;
    }
    this._keypadFor = null;
    this._transferFor = uniqueId;
    this._transferDest = "";
    this._transferSearch.clear();
    this._focusTransfer = true;
  }

  private _closeTransfer(): void {
    this._transferFor = null;
    this._transferDest = "";
    this._transferSearch.clear();
  }

  private async _transfer(kind: "direct" | "attended"): Promise<void> {
    const destination = normaliseNumber(this._transferDest);
    const held = this._transferFor;
    if (!destination || !held) {
      this._error = this._t().needNumber;
      return;
    }
    if (kind === "direct") {
      if (await this._act("direct_transfer", { destination })) this._closeTransfer();
      return;
    }
    // Known before the answer: the held call's state change may arrive first.
    this._setAttended({ held, before: this._calls().map((c) => c.unique_id), consult: null, sawHold: false });
    if (await this._act("attended_transfer", { destination })) this._closeTransfer();
    else this._setAttended(null);
  }

  private async _endAttended(service: "complete_transfer" | "cancel_transfer"): Promise<void> {
    if (await this._act(service)) this._setAttended(null);
  }

  private _onLampTap(event: CustomEvent<LampTapDetail>): void {
    const destination = event.detail.number;
    const onCall = this._calls().some((call) => call.state === "established");
    void this._act(onCall ? "direct_transfer" : "dial", { destination });
  }

  /** A forward's destination as shown: typed, sent, or the entity's. */
  private _destination(kind: ForwardKind): string {
    const key = `${kind}_forward_destination` as const;
    const sent = this._sent[key];
    if (this._drafts[kind] !== undefined) return this._drafts[kind]!;
    if (typeof sent === "string") return sent;
    const state = this._state(key)?.state;
    return state && state !== "unknown" && state !== "unavailable" ? state : "";
  }

  /** A switch as shown: the value just sent until its entity reports back, else the entity's. */
  private _switchOn(key: "dnd" | `${ForwardKind}_forward`): boolean {
    const sent = this._sent[key];
    return typeof sent === "boolean" ? sent : this._state(key)?.state === "on";
  }

  /** Send a change, showing it until the entities it changes report back (or it fails). */
  private async _send(
    values: Partial<Record<LineKey, string | boolean>>,
    service: string,
    data: Record<string, unknown>,
  ): Promise<boolean> {
    this._sent = { ...this._sent, ...values };
    const forget = () => {
      const sent = { ...this._sent };
      for (const [key, value] of Object.entries(values) as [LineKey, unknown][]) {
        if (sent[key] === value) delete sent[key];
      }
      this._sent = sent;
    };
    const ok = await this._act(service, data);
    // Accepted but never reported back (the server ignored it): show the entity again.
    if (ok) setTimeout(forget, SENT_TIMEOUT_MS);
    else forget();
    return ok;
  }

  private async _toggleForward(kind: ForwardKind, input: HTMLInputElement): Promise<void> {
    const enabled = input.checked;
    const destination = this._destination(kind).trim();
    if (enabled && !destination) {
      input.checked = false;
      this._error = this._t().needDestination;
      return;
    }
    const draft = this._drafts[kind];
    const values: Partial<Record<LineKey, string | boolean>> = { [`${kind}_forward`]: enabled };
    if (enabled && draft !== undefined) values[`${kind}_forward_destination`] = destination;
    this._dropDraft(kind);
    const data = enabled ? { forward: kind, enabled, destination } : { forward: kind, enabled };
    if (!(await this._send(values, "set_forward", data)) && draft !== undefined) {
      this._drafts = { ...this._drafts, [kind]: draft };
    }
  }

  private async _commitDestination(kind: ForwardKind): Promise<void> {
    const draft = this._drafts[kind];
    if (draft === undefined) return;
    const destination = draft.trim();
    this._dropDraft(kind);
    if (!destination || destination === this._destination(kind)) return;
    const enabled = this._switchOn(`${kind}_forward`);
    const values = { [`${kind}_forward_destination`]: destination };
    if (!(await this._send(values, "set_forward", { forward: kind, enabled, destination }))) {
      this._drafts = { ...this._drafts, [kind]: draft };
    }
  }

  private _dropDraft(kind: ForwardKind): void {
    const drafts = { ...this._drafts };
    delete drafts[kind];
    this._drafts = drafts;
  }

  private async _setDnd(input: HTMLInputElement): Promise<void> {
    await this._send({ dnd: input.checked }, "set_dnd", { enabled: input.checked });
  }

  private async _resetMissed(): Promise<void> {
    const entityId = this._entityIds().byKey.reset_missed_calls;
    if (!entityId || !this._hass) return;
    try {
      await this._hass.callService("button", "press", { entity_id: entityId }, undefined, false);
    } catch (error) {
      this._showError(error);
    }
  }

  // ------------------------------------------------------------------ rendering

  protected override render(): TemplateResult | typeof nothing {
    if (!this._config || !this._hass) return nothing;
    const t = this._t();
    const ids = this._entityIds();
    if (!ids.byKey.connected && !ids.byKey.call_state && !ids.byKey.phone_status) {
      return html`<ha-card><div class="card"><div class="banner warning" role="alert">
        <span class="message">${t.noLine}</span></div></div></ha-card>`;
    }
    const up = this._linkUp();
    const off = !up;
    const sections = this._sections();
    const calls = this._calls();
    return html`<ha-card lang=${t.lang}>
      <div class="card">
        ${this._renderHeader(t, up)}
        ${up
          ? nothing
          : html`<div class="banner link-down-banner" role="alert">
              <span class="message">${t.linkDown}</span>
            </div>`}
        ${this._error
          ? html`<div class="banner action-error" role="alert">
              <span class="message"><strong>${t.error}:</strong> ${this._error}</span>
              <button type="button" class="icon" aria-label=${t.dismiss} @click=${() => (this._error = null)}>
                <span aria-hidden="true">✕</span>
              </button>
            </div>`
          : nothing}
        ${sections.has("calls") ? this._renderCalls(t, calls, off) : nothing}
        ${sections.has("dialpad") ? this._renderDialpad(t, off) : nothing}
        ${sections.has("colleagues") ? this._renderColleagues(t, calls, off) : nothing}
        ${sections.has("recent") ? this._renderRecent(t, off) : nothing}
        ${sections.has("forwards") ? this._renderForwards(t, off) : nothing}
      </div>
    </ha-card>`;
  }

  private _renderHeader(t: Texts, up: boolean): TemplateResult {
    const device = this._hass!.devices?.[this._config!.device_id];
    const name = device?.name_by_user || device?.name || t.cardName;
    const status = phoneStatusOf(up ? this._state("phone_status")?.state : "unavailable");
    const voicemail = Number(this._state("voicemail_new")?.state);
    return html`<header>
      <div class="line">
        <h2 class="line-name">${name}</h2>
        ${device?.serial_number ? html`<span class="line-number">${device.serial_number}</span>` : nothing}
      </div>
      <div class="chips">
        <span class="chip phone-status status-${status}" title=${t.phoneStatus}>
          <span class="dot" aria-hidden="true"></span>
          <span><span class="visually-hidden">${t.phoneStatus}: </span>${t[`status_${status}` as TextKey]}</span>
        </span>
        <span class="chip link ${up ? "link-up" : "link-down"}">
          <span class="dot" aria-hidden="true"></span>${up ? t.linkUp : t.linkOff}
        </span>
        ${up && this._state("dnd") && this._switchOn("dnd")
          ? html`<span class="chip dnd-on"><span class="dot" aria-hidden="true"></span>${t.dnd}</span>`
          : nothing}
        ${up && voicemail > 0
          ? html`<span class="chip voicemail">${format(t.voicemail, { count: voicemail })}</span>`
          : nothing}
      </div>
    </header>`;
  }

  private _renderCalls(t: Texts, calls: XivoCall[], off: boolean): TemplateResult {
    const answered = calls.filter((call) => call.state === "established" || call.state === "on_hold");
    const attended = this._attended;
    return html`<section class="calls" aria-labelledby="xivo-calls-title">
      <h3 id="xivo-calls-title">${t.section_calls}</h3>
      ${calls.length === 0 && !off ? html`<p class="muted no-calls">${t.noCalls}</p>` : nothing}
      <ul>
        ${repeat(calls, (call) => call.unique_id, (call) => this._renderCall(t, call, off))}
      </ul>
      ${answered.length >= 2 || attended
        ? html`<div class="actions line-actions">
            ${attended
              ? html`<span class="muted transfer-progress">${t.transferInProgress}</span>
                  <button type="button" class="primary" ?disabled=${off} @click=${() => this._endAttended("complete_transfer")}>
                    ${t.completeTransfer}
                  </button>
                  <button type="button" ?disabled=${off} @click=${() => this._endAttended("cancel_transfer")}>
                    ${t.cancelTransfer}
                  </button>`
              : nothing}
            ${answered.length >= 2
              ? html`<button type="button" ?disabled=${off} @click=${() => this._act("conference")}>${t.conference}</button>`
              : nothing}
          </div>`
        : nothing}
    </section>`;
  }

  private _renderCall(t: Texts, call: XivoCall, off: boolean): TemplateResult {
    const uid = call.unique_id;
    const name = partyName(call.other_name, call.other_number) ?? t.unknownCaller;
    const incomingRing = call.state === "ringing" && call.direction !== "outgoing";
    const established = call.state === "established";
    const answered = established || call.state === "on_hold";
    const button = (label: string, service: string, cls = "") =>
      html`<button type="button" class=${cls} ?disabled=${off} @click=${() => this._act(service, { unique_id: uid })}>
        ${label}
      </button>`;
    return html`<li class="call call-state-${call.state}" data-unique-id=${uid}>
      <div class="call-head">
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
          ? html`<button type="button" aria-expanded=${this._transferFor === uid ? "true" : "false"} ?disabled=${off}
                @click=${() => this._openTransfer(uid)}>${t.transfer}</button>
              <button type="button" aria-expanded=${this._keypadFor === uid ? "true" : "false"} ?disabled=${off}
                @click=${() => this._toggleKeypad(uid)}>${t.keypad}</button>`
          : nothing}
        ${button(t.hangup, "hangup", "hangup")}
      </div>
      ${this._transferFor === uid ? this._renderTransfer(t, off) : nothing}
      ${this._keypadFor === uid ? this._renderDtmf(t, off) : nothing}
    </li>`;
  }

  private _toggleKeypad(uid: string): void {
    this._keypadFor = this._keypadFor === uid ? null : uid;
    if (this._keypadFor) this._closeTransfer();
  }

  private _renderTransfer(t: Texts, off: boolean): TemplateResult {
    const search = this._transferSearch;
    return html`<div class="panel transfer-panel" @keydown=${(e: KeyboardEvent) => e.key === "Escape" && this._closeTransfer()}>
      <label class="field">
        <span>${t.transferDestination}</span>
        <input type="text" class="transfer-destination" autocomplete="off" inputmode="tel"
          .value=${live(this._transferDest)} ?disabled=${off}
          @input=${(e: InputEvent) => {
            this._transferDest = (e.target as HTMLInputElement).value;
            search.input(this._transferDest);
          }}
          @keydown=${(e: KeyboardEvent) => e.key === "Enter" && this._transfer("direct")} />
      </label>
      ${this._renderContacts(t, search, off, (contact) =>
        html`<button type="button" class="contact" aria-label=${format(t.chooseContact, { name: contact.name })}
          ?disabled=${off} @click=${() => {
            this._transferDest = contact.number ?? contact.mobile ?? "";
            search.clear();
          }}>${this._contactContent(t, contact)}</button>`)}
      <div class="actions">
        <button type="button" class="primary" ?disabled=${off || !this._transferDest.trim()}
          @click=${() => this._transfer("direct")}>${t.blindTransfer}</button>
        <button type="button" ?disabled=${off || !this._transferDest.trim()}
          @click=${() => this._transfer("attended")}>${t.attendedTransfer}</button>
        <button type="button" @click=${() => this._closeTransfer()}>${t.close}</button>
      </div>
    </div>`;
  }

  private _renderDtmf(t: Texts, off: boolean): TemplateResult {
    return html`<div class="panel dtmf">
      <div class="keypad">
        ${DIAL_KEYS.map(
          (key) => html`<button type="button" aria-label=${format(t.sendTone, { key })} ?disabled=${off}
            @click=${() => this._act("send_dtmf", { key })}>${key}</button>`,
        )}
      </div>
    </div>`;
  }

  private _contactContent(t: Texts, contact: XivoContact): TemplateResult {
    const status = contact.status ? phoneStatusOf(contact.status) : null;
    return html`${status
        ? html`<span class="dot status-${status}" title=${t[`status_${status}` as TextKey]} aria-hidden="true"></span>`
        : nothing}
      <span class="name">${contact.name}</span>
      <span class="muted">${contact.number ?? contact.mobile}</span>`;
  }

  private _renderContacts(
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

  private _renderDialpad(t: Texts, off: boolean): TemplateResult {
    return html`<section class="dialpad-section" aria-labelledby="xivo-dialpad-title">
      <h3 id="xivo-dialpad-title">${t.section_dialpad}</h3>
      <div class="dialpad">
        <div class="field">
          <label for="xivo-dial">${t.number}</label>
          <div class="field-row">
            <input id="xivo-dial" type="text" inputmode="tel" autocomplete="off" placeholder=${t.numberPlaceholder}
              .value=${live(this._dial)} ?disabled=${off}
              @input=${(e: InputEvent) => this._setDial((e.target as HTMLInputElement).value)}
              @keydown=${(e: KeyboardEvent) => e.key === "Enter" && this._callTyped()} />
            <button type="button" class="icon" aria-label=${t.deleteDigit} ?disabled=${off || !this._dial}
              @click=${() => this._setDial(this._dial.slice(0, -1))}><span aria-hidden="true">⌫</span></button>
            <button type="button" class="primary dial-call" ?disabled=${off || !this._dial.trim()}
              @click=${() => this._callTyped()}>${t.call}</button>
          </div>
        </div>
        ${this._renderContacts(t, this._dialSearch, off, (contact) =>
          html`<button type="button" class="contact" aria-label=${format(t.callName, { name: contact.name })}
            ?disabled=${off} @click=${() => this._callContact(contact)}>${this._contactContent(t, contact)}</button>`)}
        <div class="keypad dial-keys">
          ${DIAL_KEYS.map(
            (key) => html`<button type="button" ?disabled=${off} @click=${() => this._setDial(this._dial + key)}>
              ${key}
            </button>`,
          )}
        </div>
      </div>
    </section>`;
  }

  private _renderColleagues(t: Texts, calls: XivoCall[], off: boolean): TemplateResult | typeof nothing {
    const lamps = this._lamps();
    if (!lamps.length) return nothing;
    const onCall = calls.some((call) => call.state === "established");
    const template = onCall ? t.transferTo : t.callName;
    return html`<section class="colleagues" aria-labelledby="xivo-colleagues-title">
      <h3 id="xivo-colleagues-title">${t.section_colleagues}</h3>
      <div class="lamps" @xivo-lamp-tap=${this._onLampTap}>
        ${repeat(
          lamps,
          (lamp) => lamp.number,
          (lamp) => html`<xivo-phone-lamp
            .number=${lamp.number}
            .name=${lamp.name}
            .status=${lamp.status}
            .statusText=${t[`status_${lamp.status}` as TextKey]}
            .label=${format(template, { name: lamp.name })}
            .disabled=${off}
          ></xivo-phone-lamp>`,
        )}
      </div>
    </section>`;
  }

  private _renderRecent(t: Texts, off: boolean): TemplateResult {
    const missed = this._state("missed_calls");
    const missedCount = missed && /^\d+$/.test(missed.state) ? Number(missed.state) : null;
    const history = this._history;
    return html`<section class="recent" aria-labelledby="xivo-recent-title">
      <h3 id="xivo-recent-title">${t.section_recent}</h3>
      ${missed
        ? html`<div class="recent-head">
            <span class="missed-count">${format(t.missedCount, { count: missedCount ?? "–" })}</span>
            ${this._entityIds().byKey.reset_missed_calls
              ? html`<button type="button" ?disabled=${off || !missedCount} @click=${() => this._resetMissed()}>
                  ${t.resetMissed}
                </button>`
              : nothing}
          </div>`
        : nothing}
      ${this._historyError ? html`<p class="muted history-error">${this._historyError}</p>` : nothing}
      ${history === null
        ? html`<p class="muted">${off ? "" : t.loading}</p>`
        : history.length === 0
          ? html`<p class="muted">${t.noRecent}</p>`
          : html`<ul class="history">
              ${history.map((call) => this._renderHistoryItem(t, call, off))}
            </ul>`}
    </section>`;
  }

  private _renderHistoryItem(t: Texts, call: XivoHistoryCall, off: boolean): TemplateResult {
    const missed = call.status === "missed";
    const who = partyName(call.name, call.number) ?? t.unknownCaller;
    const direction = call.direction === "incoming" || call.direction === "outgoing" ? t[call.direction] : null;
    return html`<li class="history-item ${missed ? "missed" : ""}">
      <div class="who">
        <span>${who}</span>
        <span class="muted">
          ${missed ? html`<span class="tag-missed">${t.missed}</span> · ` : direction ? html`${direction} · ` : nothing}
          ${this._formatTime(call.start)}${!missed && call.duration ? html` · ${formatDuration(call.duration)}` : nothing}
        </span>
      </div>
      ${call.number
        ? html`<button type="button" class="icon call-back" aria-label=${format(t.callBack, { name: who })}
            ?disabled=${off} @click=${() => this._dialNumber(call.number!)}>${PHONE_ICON}</button>`
        : nothing}
    </li>`;
  }

  private _formatTime(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return "";
    const language = this._hass?.locale?.language || this._hass?.language || "en";
    const sameDay = date.toDateString() === new Date().toDateString();
    try {
      return dateFormat(language, sameDay).format(date);
    } catch {
      return date.toLocaleString();
    }
  }

  private _renderForwards(t: Texts, off: boolean): TemplateResult {
    const dnd = this._state("dnd");
    return html`<section class="forwards" aria-labelledby="xivo-forwards-title">
      <h3 id="xivo-forwards-title">${t.section_forwards}</h3>
      ${dnd ? this._switch(t.dnd, "dnd", this._switchOn("dnd"), off, (input) => this._setDnd(input)) : nothing}
      ${FORWARDS.map((kind) => {
        const toggle = this._state(`${kind}_forward`);
        if (!toggle) return nothing;
        return html`<div class="forward forward-${kind}">
          ${this._switch(t[`forward_${kind}`], `forward-${kind}`, this._switchOn(`${kind}_forward`), off, (input) =>
            this._toggleForward(kind, input),
          )}
          <input type="text" inputmode="tel" autocomplete="off" class="destination"
            aria-label=${t[`forwardDestination_${kind}`]} .value=${live(this._destination(kind))} ?disabled=${off}
            @input=${(e: InputEvent) => (this._drafts = { ...this._drafts, [kind]: (e.target as HTMLInputElement).value })}
            @change=${() => this._commitDestination(kind)} />
        </div>`;
      })}
    </section>`;
  }

  private _switch(
    label: string,
    id: string,
    checked: boolean,
    off: boolean,
    onChange: (input: HTMLInputElement) => void,
  ): TemplateResult {
    return html`<label class="toggle">
      <input type="checkbox" role="switch" class="switch-${id}" .checked=${live(checked)}
        ?disabled=${off}
        @change=${(e: Event) => onChange(e.target as HTMLInputElement)} />
      <span>${label}</span>
    </label>`;
  }
}

export const CARD_INFO = {
  type: "xivo-phone-card",
  name: "XiVO phone",
  description: textsFor("en").cardDescription,
  preview: true,
  documentationURL: DOCUMENTATION_URL,
};

export { LINE_KEYS };
