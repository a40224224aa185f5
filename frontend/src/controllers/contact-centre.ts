/**
 * The phone card's contact centre: the line's agent and its queues, found through the registries,
 * watched for changes, and handed to the `agent` and `queues` sections.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from "lit";
import { findAgent, findQueues, readAgent, readQueue, thresholds, type QueueEntities, type QueueView } from "../cc";
import type { Texts } from "../i18n";
import type { HomeAssistant, XivoPhoneCardConfig } from "../types";
import { AgentController } from "./agent";

export class ContactCentre {
  readonly agent: AgentController;
  private queues: QueueEntities[] = [];
  private agentId: string | undefined;
  private queuesFor: { entities: unknown; devices: unknown; deviceId: string } | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly hass: () => HomeAssistant | undefined,
    private readonly config: () => XivoPhoneCardConfig | undefined,
    act: (service: string, data: Record<string, unknown>) => Promise<boolean>,
  ) {
    this.agent = new AgentController(host, () => this.agentEntity(), act);
  }

  /** The line's `agent_state` sensor, if it has one. */
  agentEntity(hass = this.hass()): string | undefined {
    this.queueEntities(hass);
    return this.agentId;
  }

  /** The line's queue devices and their sensors (worked out again when a registry changes). */
  queueEntities(hass = this.hass()): QueueEntities[] {
    const deviceId = this.config()?.device_id ?? "";
    const { entities, devices } = hass ?? {};
    const was = this.queuesFor;
    if (was?.entities !== entities || was?.devices !== devices || was?.deviceId !== deviceId) {
      this.queues = findQueues(hass, deviceId);
      this.agentId = findAgent(hass, deviceId);
      this.queuesFor = { entities, devices, deviceId };
    }
    return this.queues;
  }

  /** Whether a queue's sensor or device differs between two `hass` objects. */
  changed(old: HomeAssistant, hass: HomeAssistant): boolean {
    if (old.devices !== hass.devices) return true;
    const agent = this.agentEntity(hass);
    if (agent && old.states[agent] !== hass.states[agent]) return true;
    for (const queue of this.queueEntities(hass)) {
      for (const id of Object.values(queue.byKey)) if (old.states[id] !== hass.states[id]) return true;
    }
    return false;
  }

  queueViews(): QueueView[] {
    const hass = this.hass();
    return hass ? this.queueEntities(hass).map((queue) => readQueue(hass, queue)) : [];
  }

  /** Rows the sections take in a masonry view. */
  cardSize(shown: { agent: boolean; queues: boolean }): number {
    let size = 0;
    if (shown.agent && this.agentEntity()) size += 2;
    if (shown.queues) for (const queue of this.queueViews()) size += 2 + queue.calls.length;
    return size;
  }

  /** The agent section, when the line has an agent. */
  renderAgent(t: Texts, off: boolean): TemplateResult | typeof nothing {
    const id = this.agentEntity();
    const agent = readAgent(id ? this.hass()?.states[id] : undefined);
    if (!agent) return nothing;
    return html`<xivo-agent-section .agent=${agent} .controller=${this.agent} .t=${t} .off=${off}></xivo-agent-section>`;
  }

  /** The queues section, when the line shows queues. */
  renderQueues(t: Texts): TemplateResult | typeof nothing {
    const queues = this.queueViews();
    if (!queues.length) return nothing;
    return html`<xivo-queues-section .queues=${queues} .limits=${thresholds(this.config())} .t=${t}></xivo-queues-section>`;
  }
}
