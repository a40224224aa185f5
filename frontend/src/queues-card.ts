/**
 * `<xivo-queues-card>`: a wallboard of a line's queues, for a wall screen or a tablet — large
 * figures per queue, in the warning colour past the thresholds, each queue a named region.
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import {
  anyWaitRuns,
  checkThresholds,
  figure,
  findQueues,
  queueWarns,
  readQueue,
  thresholds,
  waitText,
  type QueueEntities,
  type QueueView,
} from "./cc";
import { wallboardStyles } from "./cc-styles";
import { loadHaForm } from "./editor";
import { textsFor, type Texts } from "./i18n";
import { findLineEntities, firstXivoDevice } from "./line";
import { SecondTicker } from "./ticker";
import type { HomeAssistant, XivoQueuesCardConfig } from "./types";

/** The answered rate as people read it: a whole percentage. */
const rate = (value: number | null): string => (value === null ? "–" : `${Math.round(value)} %`);

export class XivoQueuesCard extends LitElement {
  static override styles = wallboardStyles;

  static override properties = {
    hass: { attribute: false },
    _config: { state: true },
  };

  declare hass: HomeAssistant | undefined;
  declare _config: XivoQueuesCardConfig | undefined;

  private readonly ticker = new SecondTicker(this);
  private found: { queues: QueueEntities[]; connected: string | undefined } = { queues: [], connected: undefined };
  private foundFor: { entities: unknown; devices: unknown; config: unknown } | undefined;

  static async getConfigElement(): Promise<HTMLElement> {
    await loadHaForm();
    return document.createElement("xivo-queues-card-editor");
  }

  static getStubConfig(hass?: HomeAssistant): Partial<XivoQueuesCardConfig> {
    const deviceId = firstXivoDevice(hass);
    return deviceId ? { device_id: deviceId } : {};
  }

  setConfig(config: XivoQueuesCardConfig): void {
    if (!config || typeof config !== "object") throw new Error("Invalid configuration");
    if (typeof config.device_id !== "string" || !config.device_id) {
      throw new Error("Choose the XiVO line: device_id is required");
    }
    if (config.queues !== undefined && !Array.isArray(config.queues)) {
      throw new Error("queues must be a list of queue ids");
    }
    checkThresholds(config);
    const queues = config.queues?.map((id) => String(id).trim()).filter(Boolean);
    this._config = { ...config, queues: queues?.length ? queues : undefined };
    this.foundFor = undefined;
  }

  getCardSize(): number {
    return 1 + 4 * Math.max(1, Math.ceil(this.entities().queues.length / 3));
  }

  /** A full-width row of a sections view. */
  getGridOptions() {
    return { columns: "full", rows: "auto", min_columns: 6 };
  }

  /** The line's link sensor and the queues shown (worked out again when a registry changes). */
  private entities(hass = this.hass): { queues: QueueEntities[]; connected: string | undefined } {
    const config = this._config;
    const { entities, devices } = hass ?? {};
    const was = this.foundFor;
    if (!config || !hass) return { queues: [], connected: undefined };
    if (was?.entities !== entities || was?.devices !== devices || was?.config !== config) {
      const all = findQueues(hass, config.device_id);
      const chosen = config.queues;
      const queues = chosen ? chosen.flatMap((id) => all.filter((queue) => queue.id === id)) : all;
      this.found = { queues, connected: findLineEntities(entities, config.device_id).byKey.connected };
      this.foundFor = { entities, devices, config };
    }
    return this.found;
  }

  /** Home Assistant hands a new `hass` on every state change anywhere: render only for these queues'. */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    if (!this._config || !this.hass) return false;
    if (changed.size !== 1 || !changed.has("hass")) return true;
    const old = changed.get("hass") as HomeAssistant | undefined;
    const hass = this.hass;
    if (!old || old.entities !== hass.entities || old.devices !== hass.devices || old.language !== hass.language) return true;
    const { queues, connected } = this.entities(hass);
    if (connected && old.states[connected] !== hass.states[connected]) return true;
    return queues.some((queue) => Object.values(queue.byKey).some((id) => old.states[id] !== hass.states[id]));
  }

  protected override render(): TemplateResult | typeof nothing {
    const hass = this.hass;
    if (!this._config || !hass) return nothing;
    const t = textsFor(hass.language);
    const { queues, connected } = this.entities(hass);
    const views = queues.map((queue) => readQueue(hass, queue));
    const now = Date.now();
    this.ticker.schedule(anyWaitRuns(views), now);
    const limits = thresholds(this._config);
    const down = connected !== undefined && hass.states[connected]?.state !== "on";
    return html`<ha-card lang=${t.lang}>
      <div class="board">
        ${connected === undefined ? html`<div class="banner" role="alert">${t.noLine}</div>` : nothing}
        ${down ? html`<div class="banner" role="alert">${t.linkDown}</div>` : nothing}
        ${connected !== undefined && !views.length ? html`<p class="empty">${t.noQueues}</p>` : nothing}
        ${repeat(views, (queue) => queue.id, (queue) => this.renderQueue(t, queue, queueWarns(queue, limits, now), now))}
      </div>
    </ha-card>`;
  }

  private renderQueue(t: Texts, queue: QueueView, warns: boolean, now: number): TemplateResult {
    return html`<section class="queue ${warns ? "queue-warning" : ""}" role="region" aria-label=${queue.name}
      data-queue-id=${queue.id}>
      <div class="queue-head">
        <h2>${queue.name}</h2>
        ${warns ? html`<span class="warning-chip">${t.overThreshold}</span>` : nothing}
      </div>
      <dl>
        <div class="main figure-waiting"><dt>${t.waiting}</dt> <dd>${figure(queue.waiting)}</dd></div>
        <div class="main figure-longest"><dt>${t.longestWait}</dt> <dd>${waitText(queue.longestSince, now)}</dd></div>
        <div class="figure-available"><dt>${t.availableAgents}</dt> <dd>${figure(queue.available)}</dd></div>
        <div class="figure-talking"><dt>${t.talkingAgents}</dt> <dd>${figure(queue.talking)}</dd></div>
        <div class="figure-logged"><dt>${t.loggedAgents}</dt> <dd>${figure(queue.logged)}</dd></div>
        <div class="figure-answered"><dt>${t.answeredRate}</dt> <dd>${rate(queue.answeredRate)}</dd></div>
      </dl>
    </section>`;
  }
}
