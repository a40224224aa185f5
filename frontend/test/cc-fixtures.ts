/** The contact centre's entities in a FakeHome, as the integration creates them (DESIGN.md). */
import "../src/xivo-phone-card";
import { QUEUE_KEYS } from "../src/cc";
import type { XivoQueuesCard } from "../src/queues-card";
import type { XivoQueuesCardConfig } from "../src/types";
import { DEVICE_ID, OTHER_DEVICE_ID, type FakeHome } from "./fixtures";

export const AGENT_ID = "sensor.bureau_1000_agent_state";
export const REASONS = [
  { name: "lunch", label: "Lunch" },
  { name: "meeting", label: "Meeting" },
];

export interface AgentOptions {
  state?: string;
  sinceSecondsAgo?: number;
  reason?: string | null;
  reasons?: { name: string; label: string }[];
  queues?: string[];
}

/** The line's `agent_state` sensor. */
export function addAgent(home: FakeHome, options: AgentOptions = {}): void {
  home.entities = {
    ...home.entities,
    [AGENT_ID]: { entity_id: AGENT_ID, device_id: DEVICE_ID, platform: "xivo", translation_key: "agent_state" },
  };
  setAgent(home, options);
}

export function setAgent(home: FakeHome, options: AgentOptions = {}): void {
  const state = options.state ?? "logged_out";
  home.put(AGENT_ID, state, {
    device_class: "enum",
    pause_reason: state === "paused" ? (options.reason ?? null) : null,
    since: new Date(Date.now() - (options.sinceSecondsAgo ?? 0) * 1000).toISOString(),
    queues: options.queues ?? ["Sales", "Support"],
    pause_reasons: options.reasons ?? REASONS,
    friendly_name: "Bureau 1000 Agent state",
  });
}

export interface QueueOptions {
  waiting?: number;
  /** Seconds the oldest caller has waited (the moment is given, as the integration does). */
  longestSecondsAgo?: number | null;
  available?: number;
  talking?: number;
  logged?: number;
  answeredRate?: number;
  /** Callers: number, name, seconds waited. */
  calls?: { number: string | null; name: string | null; waited: number }[];
  /** The line whose queue it is (default the card's). */
  line?: string;
  unavailable?: boolean;
}

export const queueDevice = (id: string, line = DEVICE_ID) => `queue-${line.slice(0, 4)}-${id}`;
export const queueEntity = (name: string, key: string) => `sensor.${name.toLowerCase()}_${key}`;

/** A queue's device (via the line's) and its sensors. */
export function addQueue(home: FakeHome, id: string, name: string, options: QueueOptions = {}): void {
  const line = options.line ?? DEVICE_ID;
  const deviceId = queueDevice(id, line);
  home.devices = {
    ...home.devices,
    [deviceId]: { id: deviceId, name, name_by_user: null, via_device_id: line, identifiers: [["xivo", `entry_queue_${id}`]] },
  };
  const entities = { ...home.entities };
  for (const key of QUEUE_KEYS) {
    const entityId = queueEntity(name, key);
    entities[entityId] = { entity_id: entityId, device_id: deviceId, platform: "xivo", translation_key: key };
  }
  home.entities = entities;
  setQueue(home, name, options);
}

/** New values for a queue's sensors (those not given: the defaults). */
export function setQueue(home: FakeHome, name: string, options: QueueOptions = {}): void {
  const now = Date.now();
  const calls = (options.calls ?? []).map((caller, index) => ({
    position: index + 1,
    number: caller.number,
    name: caller.name,
    waiting_since: new Date(now - caller.waited * 1000).toISOString(),
  }));
  const waiting = options.waiting ?? calls.length;
  const waited = (options.calls ?? []).map((caller) => caller.waited);
  const oldest = options.longestSecondsAgo ?? (waited.length ? Math.max(...waited) : null);
  const value = (n: number) => (options.unavailable ? "unavailable" : String(n));
  home.put(queueEntity(name, "waiting_calls"), value(waiting), { calls, state_class: "measurement" });
  home.put(queueEntity(name, "longest_wait"), value(oldest ?? 0), {
    unit_of_measurement: "s",
    waiting_since: oldest === null ? null : new Date(now - oldest * 1000).toISOString(),
  });
  home.put(queueEntity(name, "estimated_wait"), value(20), { unit_of_measurement: "s" });
  home.put(queueEntity(name, "available_agents"), value(options.available ?? 1));
  home.put(queueEntity(name, "talking_agents"), value(options.talking ?? 0));
  home.put(queueEntity(name, "logged_agents"), value(options.logged ?? 2));
  home.put(queueEntity(name, "calls_entered"), value(12));
  home.put(queueEntity(name, "calls_answered"), value(10));
  home.put(queueEntity(name, "calls_abandoned"), value(1));
  home.put(queueEntity(name, "answered_rate"), value(options.answeredRate ?? 83.3), { unit_of_measurement: "%" });
}

/** The demo's two queues, Sales (1) and Support (2), and a queue of the other line. */
export function addDemoQueues(home: FakeHome, sales: QueueOptions = {}, support: QueueOptions = {}): void {
  addQueue(home, "1", "Sales", sales);
  addQueue(home, "2", "Support", support);
  addQueue(home, "7", "Reception", { line: OTHER_DEVICE_ID, waiting: 9 });
}

export async function mountWallboard(home: FakeHome, config: Partial<XivoQueuesCardConfig> = {}): Promise<XivoQueuesCard> {
  const card = document.createElement("xivo-queues-card") as XivoQueuesCard;
  card.setConfig({ type: "custom:xivo-queues-card", device_id: DEVICE_ID, ...config });
  card.hass = home.hass();
  document.body.append(card);
  for (let round = 0; round < 3; round++) {
    await Promise.resolve();
    await card.updateComplete;
  }
  return card;
}

export async function refreshWallboard(card: XivoQueuesCard, home: FakeHome): Promise<void> {
  card.hass = home.hass();
  await card.updateComplete;
}

const squash = (text: string | null | undefined) => (text ?? "").replace(/\s+/g, " ").trim();

/** The queue regions of a wallboard: accessible name and text. */
export function regions(card: XivoQueuesCard): { name: string; text: string; element: HTMLElement }[] {
  return ([...card.shadowRoot!.querySelectorAll('[role="region"]')] as HTMLElement[]).map((element) => ({
    name: element.getAttribute("aria-label") ?? "",
    text: squash(element.textContent),
    element,
  }));
}

/** A figure of a region by its term (`Waiting`, `Longest wait`, …). */
export function figureOf(region: HTMLElement, term: string): string {
  for (const pair of region.querySelectorAll("dl > div")) {
    if (squash(pair.querySelector("dt")?.textContent) === term) return squash(pair.querySelector("dd")?.textContent);
  }
  throw new Error(`no figure "${term}" in ${squash(region.textContent)}`);
}
