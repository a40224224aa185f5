/** `<xivo-phone-card>`: remote control of one XiVO line, through the `xivo.*` actions only. */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { errorMessage, type LineContext } from "./context";
import { checkThresholds } from "./cc";
import { AttendedTransferController } from "./controllers/attended";
import { ContactCentre } from "./controllers/contact-centre";
import { HistoryController, HISTORY_SIZE } from "./controllers/history";
import { PendingValues } from "./controllers/pending";
import { editorSchema, loadHaForm } from "./editor";
import { format, textsFor, type Texts } from "./i18n";
import type { LampTapDetail } from "./lamp";
import {
  DOMAIN,
  findLineEntities,
  firstXivoDevice,
  hintNumber,
  phoneStatusOf,
  readCalls,
  readContacts,
  type LineEntityIds,
  type LineKey,
} from "./line";
import type { ForwardsView } from "./sections/forwards";
import { renderHeader } from "./sections/header";
import { phoneStatusText } from "./states";
import { ccStyles } from "./cc-styles";
import { cardStyles } from "./styles";
import {
  FORWARDS,
  SECTIONS,
  type HassEntity,
  type HomeAssistant,
  type Section,
  type XivoCall,
  type XivoPhoneCardConfig,
} from "./types";

export { HISTORY_REFRESH_DELAY_MS, HISTORY_SIZE } from "./controllers/history";
export { SENT_TIMEOUT_MS } from "./controllers/pending";
export { errorMessage };

/** The card's parts that render themselves: the card is up to date once they are. */
const PARTS = "xivo-phone-call, xivo-dialpad-section, xivo-recent-section, xivo-forwards-section, xivo-agent-section, xivo-queues-section";

// Made once: a 100-lamp grid's sort alone took ~1 ms per render with localeCompare's options.
const NUMBER_ORDER = new Intl.Collator(undefined, { numeric: true });

interface Lamp {
  number: string;
  name: string;
  status: string;
  statusText: string;
}

export class XivoPhoneCard extends LitElement {
  static override styles = [cardStyles, ccStyles];

  static override properties = {
    hass: { attribute: false },
    _config: { state: true },
    _error: { state: true },
    _transferFor: { state: true },
    _keypadFor: { state: true },
  };

  declare hass: HomeAssistant | undefined;
  declare _config: XivoPhoneCardConfig | undefined;
  declare _error: string | null;
  /** The call whose transfer panel is open. */
  declare _transferFor: string | null;
  /** The call whose tone keypad is open. */
  declare _keypadFor: string | null;

  private _ids: LineEntityIds = { byKey: {}, hints: [] };
  private _idsFor: { entities: unknown; deviceId: string } | undefined;

  private readonly _history = new HistoryController(
    this,
    (size) => this._ask("get_call_history", { size }),
    () => this._linkUp() && this._sections().has("recent"),
    (message) => format(this._t().historyFailed, { message: message ?? this._t().errorUnknown }),
  );
  private readonly _attended = new AttendedTransferController(this, () => this._config?.device_id ?? "");
  private readonly _pending = new PendingValues(
    this,
    (key) => this._state(key),
    (key) => this._entityIds().byKey[key],
    (service, data) => this._act(service, data),
    (message) => (this._error = message),
  );
  private readonly _cc = new ContactCentre(this, () => this.hass, () => this._config, (service, data) => this._act(service, data));
  /** Handed to the sections: the same object on every render. */
  private readonly _ctx: LineContext = {
    act: (service, data) => this._act(service, data),
    dial: (destination) => this._act("dial", { destination }),
    searchContacts: async (term) => readContacts(await this._ask("search_contacts", { term })),
    showError: (error) => this._showError(error),
    say: (message) => (this._error = message),
    transfer: (kind, held, destination) => this._transfer(kind, held, destination),
    openTransfer: (uniqueId) => this._openTransfer(uniqueId),
    closeTransfer: () => (this._transferFor = null),
    toggleKeypad: (uniqueId) => this._toggleKeypad(uniqueId),
    resetMissed: () => this._resetMissed(),
    pending: this._pending,
  };

  constructor() {
    super();
    this._config = undefined;
    this._error = null;
    this._transferFor = null;
    this._keypadFor = null;
  }

  // ------------------------------------------------------------------ Lovelace card API

  static getConfigForm() {
    return editorSchema(textsFor(globalThis.document?.documentElement?.lang));
  }

  static async getConfigElement(): Promise<HTMLElement> {
    await loadHaForm();
    return document.createElement("xivo-phone-card-editor");
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
    checkThresholds(config);
    const previous = this._config?.device_id;
    // Blank rows (an empty row saved by the editor) are no numbers: none left means the default.
    const colleagues = config.colleagues?.map((number) => String(number).trim()).filter(Boolean);
    this._config = { ...config, colleagues: colleagues?.length ? colleagues : undefined };
    if (previous !== config.device_id) {
      this._idsFor = undefined;
      this._history.reset();
      this._attended.load();
    }
  }

  getCardSize(): number {
    const sections = this._sections();
    let size = 2;
    if (sections.has("calls")) size += 1 + this._calls().length * 2;
    if (sections.has("dialpad")) size += 4;
    if (sections.has("colleagues")) size += 1 + Math.ceil(this._lamps().length / 3);
    if (sections.has("recent")) size += 1 + Math.min(this._history.calls?.length ?? 3, HISTORY_SIZE);
    if (sections.has("forwards")) size += 4;
    return size + this._cc.cardSize({ agent: sections.has("agent"), queues: sections.has("queues") });
  }

  getGridOptions() {
    return { columns: 12, rows: "auto", min_columns: 6 };
  }

  // ------------------------------------------------------------------ hass, and what changed

  /** Home Assistant hands a new `hass` on every state change anywhere: render only for this line's. */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    if (!this._config || !this.hass) return false;
    if (changed.size === 1 && changed.has("hass")) {
      const old = changed.get("hass") as HomeAssistant | undefined;
      return !old || this._changedFor(old, this.hass);
    }
    return true;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("hass") && this.hass) this._lineChanged(changed.get("hass") as HomeAssistant | undefined, this.hass);
  }

  /** Whether anything this card shows differs between two `hass` objects. */
  private _changedFor(old: HomeAssistant, hass: HomeAssistant): boolean {
    const deviceId = this._config!.device_id;
    if (old.entities !== hass.entities || old.language !== hass.language) return true;
    // Translations loaded (or reloaded) since: the phone statuses' words come from them.
    if (old.localize !== hass.localize) return true;
    // The profile's clock and zone, compared by value: the times shown follow them.
    const { locale: was, config: wasConfig } = old;
    const { locale: is, config } = hass;
    if (was?.time_format !== is?.time_format || was?.time_zone !== is?.time_zone) return true;
    if (wasConfig?.time_zone !== config?.time_zone) return true;
    if (old.devices?.[deviceId] !== hass.devices?.[deviceId]) return true;
    const ids = this._entityIds();
    for (const id of Object.values(ids.byKey)) if (old.states[id] !== hass.states[id]) return true;
    for (const id of ids.hints) if (old.states[id] !== hass.states[id]) return true;
    return this._cc.changed(old, hass);
  }

  private _entityIds(): LineEntityIds {
    const entities = this.hass?.entities;
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
      if (before.some((call) => !ids.has(call.unique_id))) this._history.refreshSoon();
      if (!this._linkUpIn(old) && this._linkUpIn(hass)) this._history.linkBack();
    }
    const established = (uid: string | null) => calls.some((c) => c.unique_id === uid && c.state === "established");
    if (this._transferFor && !established(this._transferFor)) this._transferFor = null;
    if (this._keypadFor && !established(this._keypadFor)) this._keypadFor = null;
    this._attended.track(calls);
    this._pending.hassChanged(old, hass, this._linkUpIn(hass));
    this._cc.agent.hassChanged(old, hass, this._linkUpIn(hass));
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    const parts = [...(this.renderRoot?.querySelectorAll(PARTS) ?? [])] as unknown as LitElement[];
    await Promise.all(parts.map((part) => part.updateComplete));
    return done;
  }

  // ------------------------------------------------------------------ reading the line

  private _t(): Texts {
    return textsFor(this.hass?.language);
  }

  private _state(key: LineKey): HassEntity | undefined {
    const id = this._entityIds().byKey[key];
    return id ? this.hass?.states[id] : undefined;
  }

  private _linkUpIn(hass: HomeAssistant): boolean {
    const id = this._entityIds().byKey.connected;
    return id !== undefined && hass.states[id]?.state === "on";
  }

  private _linkUp(): boolean {
    return this.hass ? this._linkUpIn(this.hass) : false;
  }

  private _sections(): Set<Section> {
    return new Set(this._config?.sections?.length ? this._config.sections : SECTIONS);
  }

  private _calls(): XivoCall[] {
    return readCalls(this._state("call_state"));
  }

  private _lamps(): Lamp[] {
    const hass = this.hass;
    if (!hass) return [];
    const byNumber = new Map<string, string>();
    for (const id of this._entityIds().hints) byNumber.set(hintNumber(id, hass.states[id]), id);
    const numbers = this._config?.colleagues ?? [...byNumber.keys()].sort(NUMBER_ORDER.compare);
    return numbers.map((number) => {
      const id = byNumber.get(number);
      const name = (id && hass.entities[id]?.name) || number;
      const stateObj = id ? hass.states[id] : undefined;
      const status = phoneStatusOf(stateObj?.state);
      return { number, name, status, statusText: phoneStatusText(hass, status, stateObj) };
    });
  }

  // ------------------------------------------------------------------ acting

  private _serviceData(data: Record<string, unknown>): Record<string, unknown> {
    return { device_id: this._config!.device_id, ...data };
  }

  /** Run a `xivo.*` action; an error shows in the card, and goes once an action succeeds. */
  private async _act(service: string, data: Record<string, unknown> = {}): Promise<boolean> {
    if (!this.hass) return false;
    try {
      await this.hass.callService(DOMAIN, service, this._serviceData(data), undefined, false);
    } catch (error) {
      this._showError(error);
      return false;
    }
    this._error = null;
    return true;
  }

  /** Run a `xivo.*` action that returns data. */
  private async _ask(service: string, data: Record<string, unknown>): Promise<unknown> {
    const result = await this.hass!.callWS<{ response?: unknown }>({
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

  private _openTransfer(uniqueId: string): void {
    this._transferFor = this._transferFor === uniqueId ? null : uniqueId;
    if (this._transferFor) this._keypadFor = null;
  }

  private _toggleKeypad(uniqueId: string): void {
    this._keypadFor = this._keypadFor === uniqueId ? null : uniqueId;
    if (this._keypadFor) this._transferFor = null;
  }

  private async _transfer(kind: "direct" | "attended", held: string, destination: string): Promise<boolean> {
    if (kind === "direct") {
      const ok = await this._act("direct_transfer", { destination });
      if (ok) this._transferFor = null;
      return ok;
    }
    this._attended.start(held, this._calls());
    const ok = await this._act("attended_transfer", { destination });
    if (ok) this._transferFor = null;
    else this._attended.set(null);
    return ok;
  }

  private async _endAttended(service: "complete_transfer" | "cancel_transfer"): Promise<void> {
    if (await this._act(service)) this._attended.set(null);
  }

  private _onLampTap(event: CustomEvent<LampTapDetail>): void {
    const destination = event.detail.number;
    const onCall = this._calls().some((call) => call.state === "established");
    void this._act(onCall ? "direct_transfer" : "dial", { destination });
  }

  private async _resetMissed(): Promise<void> {
    const entityId = this._entityIds().byKey.reset_missed_calls;
    if (!entityId || !this.hass) return;
    try {
      await this.hass.callService("button", "press", { entity_id: entityId }, undefined, false);
    } catch (error) {
      this._showError(error);
      return;
    }
    this._error = null;
  }

  // ------------------------------------------------------------------ rendering

  protected override render(): TemplateResult | typeof nothing {
    if (!this._config || !this.hass) return nothing;
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
    const hass = this.hass;
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
        ${sections.has("agent") ? this._cc.renderAgent(t, off) : nothing}
        ${sections.has("calls") ? this._renderCalls(t, calls, off) : nothing}
        ${sections.has("queues") ? this._cc.renderQueues(t) : nothing}
        ${sections.has("dialpad")
          ? html`<xivo-dialpad-section .ctx=${this._ctx} .hass=${hass} .t=${t} .off=${off}
              .keysHidden=${this._keypadFor !== null && sections.has("calls")}></xivo-dialpad-section>`
          : nothing}
        ${sections.has("colleagues") ? this._renderColleagues(t, calls, off) : nothing}
        ${sections.has("recent")
          ? html`<xivo-recent-section .ctx=${this._ctx} .hass=${hass} .t=${t} .off=${off}
              .missed=${this._state("missed_calls")} .canReset=${!!ids.byKey.reset_missed_calls}
              .calls=${this._history.calls} .error=${this._history.error}></xivo-recent-section>`
          : nothing}
        ${sections.has("forwards")
          ? html`<xivo-forwards-section .ctx=${this._ctx} .t=${t} .off=${off}
              .view=${this._forwardsView()}></xivo-forwards-section>`
          : nothing}
      </div>
    </ha-card>`;
  }

  private _forwardsView(): ForwardsView {
    const view: ForwardsView = { dnd: this._state("dnd") ? this._pending.switchOn("dnd") : null, forwards: {} };
    for (const kind of FORWARDS) {
      if (!this._state(`${kind}_forward`)) continue;
      view.forwards[kind] = { on: this._pending.switchOn(`${kind}_forward`), destination: this._pending.destination(kind) };
    }
    return view;
  }

  private _renderHeader(t: Texts, up: boolean): TemplateResult {
    const phoneStatus = this._state("phone_status");
    const status = phoneStatusOf(up ? phoneStatus?.state : "unavailable");
    const forwarded = !!this._state("unconditional_forward") && this._pending.switchOn("unconditional_forward");
    return renderHeader(t, {
      device: this.hass!.devices?.[this._config!.device_id],
      up,
      status,
      statusText: phoneStatusText(this.hass, status, phoneStatus),
      dnd: !!this._state("dnd") && this._pending.switchOn("dnd"),
      forwardedTo: forwarded ? this._pending.destination("unconditional").trim() : null,
      voicemail: Number(this._state("voicemail_new")?.state) || 0,
    });
  }

  private _renderCalls(t: Texts, calls: XivoCall[], off: boolean): TemplateResult {
    const answered = calls.filter((call) => call.state === "established" || call.state === "on_hold");
    const attended = this._attended.value;
    return html`<section class="calls" aria-labelledby="xivo-calls-title">
      <h3 id="xivo-calls-title">${t.section_calls}</h3>
      ${calls.length === 0 && !off ? html`<p class="muted no-calls">${t.noCalls}</p>` : nothing}
      <ul>
        ${repeat(
          calls,
          (call) => call.unique_id,
          (call) => html`<li class="call call-state-${call.state}" data-unique-id=${call.unique_id}>
            <xivo-phone-call .ctx=${this._ctx} .hass=${this.hass} .t=${t} .off=${off} .call=${call}
              .transferOpen=${this._transferFor === call.unique_id}
              .keypadOpen=${this._keypadFor === call.unique_id}></xivo-phone-call>
          </li>`,
        )}
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
            .statusText=${lamp.statusText}
            .label=${format(template, { name: lamp.name })}
            .disabled=${off}
          ></xivo-phone-lamp>`,
        )}
      </div>
    </section>`;
  }
}
