/**
 * Pure helpers for the contact centre: the line's agent and its queues, read from the entities
 * the integration creates (DESIGN.md, "Contact centre"), for the phone card and the wallboard.
 */
import { DOMAIN, formatDuration } from "./line";
import type { DeviceRegistryEntry, HassEntity, HomeAssistant, QueueThresholds } from "./types";

export const AGENT_STATES = ["logged_out", "ready", "paused", "ringing", "dialing", "on_call", "wrap_up"] as const;
export type AgentStateValue = (typeof AGENT_STATES)[number];
const AGENT_STATE_SET: ReadonlySet<string> = new Set(AGENT_STATES);

/** The sensors of a queue's device, by translation key. */
export const QUEUE_KEYS = [
  "waiting_calls",
  "longest_wait",
  "estimated_wait",
  "available_agents",
  "talking_agents",
  "logged_agents",
  "calls_entered",
  "calls_answered",
  "calls_abandoned",
  "answered_rate",
] as const;
export type QueueKey = (typeof QUEUE_KEYS)[number];
const QUEUE_KEY_SET: ReadonlySet<string> = new Set(QUEUE_KEYS);

export const DEFAULT_WAITING_WARNING = 3;
export const DEFAULT_WAIT_WARNING = 60;

/** A queue's device and its sensors' entity ids. */
export interface QueueEntities {
  deviceId: string;
  /** The queue's id (as the `queues` options name it), or the device id when it cannot be told. */
  id: string;
  byKey: Partial<Record<QueueKey, string>>;
}

/** A caller waiting in a queue, from `waiting_calls`' `calls` attribute. */
export interface WaitingCaller {
  position: number;
  number: string | null;
  name: string | null;
  /** When the caller began waiting (epoch ms), null when not known. */
  since: number | null;
}

/** A queue as both cards show it. Counters are null when unknown (link down, not yet counted). */
export interface QueueView {
  id: string;
  name: string;
  waiting: number | null;
  /** When the longest-waiting caller began to wait (epoch ms): the wait ticks from it. */
  longestSince: number | null;
  estimatedWait: number | null;
  available: number | null;
  talking: number | null;
  logged: number | null;
  answeredRate: number | null;
  calls: WaitingCaller[];
}

/** The user's agent, from the `agent_state` sensor. */
export interface AgentView {
  /** An agent state, or null while it is unknown or unavailable. */
  state: AgentStateValue | null;
  /** When the state began (ISO), null if not known. */
  since: string | null;
  pauseReason: string | null;
  pauseReasons: { name: string; label: string }[];
}

const number = (value: unknown): number | null => {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "") {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
};

const text = (value: unknown): string | null =>
  typeof value === "string" ? value || null : typeof value === "number" ? String(value) : null;

const moment = (value: unknown): number | null => {
  if (typeof value !== "string" || !value) return null;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
};

/** The agent of a line, or null when the line has no `agent_state` sensor. */
export function readAgent(state: HassEntity | undefined): AgentView | null {
  if (!state) return null;
  const attributes = state.attributes;
  const reasons: { name: string; label: string }[] = [];
  if (Array.isArray(attributes.pause_reasons)) {
    for (const item of attributes.pause_reasons) {
      const name = text((item as { name?: unknown } | null)?.name);
      if (!name) continue;
      reasons.push({ name, label: text((item as { label?: unknown }).label) ?? name });
    }
  }
  return {
    state: AGENT_STATE_SET.has(state.state) ? (state.state as AgentStateValue) : null,
    since: text(attributes.since),
    pauseReason: text(attributes.pause_reason),
    pauseReasons: reasons,
  };
}

/** The label of a pause reason by its name (the name itself when the server gave no label). */
export function reasonLabel(agent: AgentView, name: string | null): string | null {
  if (!name) return null;
  return agent.pauseReasons.find((reason) => reason.name === name)?.label ?? name;
}

/** The `agent_state` sensor of a line's device, if the user is an agent. */
export function findAgent(hass: HomeAssistant | undefined, lineDeviceId: string): string | undefined {
  for (const entry of Object.values(hass?.entities ?? {})) {
    if (entry.platform === DOMAIN && entry.device_id === lineDeviceId && entry.translation_key === "agent_state") {
      return entry.entity_id;
    }
  }
  return undefined;
}

/** The queue id a device stands for: the integration's identifier ends in the queue's id. */
export function queueIdOf(device: DeviceRegistryEntry | undefined, fallback: string): string {
  for (const [domain, identifier] of device?.identifiers ?? []) {
    if (domain !== DOMAIN) continue;
    const match = /queue[_-]?(\d+)$/.exec(identifier);
    if (match) return match[1];
  }
  return fallback;
}

/** The queue devices reached through a line's device, with their sensors, in name order. */
export function findQueues(hass: HomeAssistant | undefined, lineDeviceId: string): QueueEntities[] {
  if (!hass) return [];
  const byDevice = new Map<string, QueueEntities>();
  for (const entry of Object.values(hass.entities ?? {})) {
    if (entry.platform !== DOMAIN || !entry.device_id || !entry.translation_key) continue;
    if (!QUEUE_KEY_SET.has(entry.translation_key)) continue;
    const device = hass.devices?.[entry.device_id];
    if (!device || device.via_device_id !== lineDeviceId) continue;
    let queue = byDevice.get(entry.device_id);
    if (!queue) {
      queue = { deviceId: entry.device_id, id: queueIdOf(device, entry.device_id), byKey: {} };
      byDevice.set(entry.device_id, queue);
    }
    queue.byKey[entry.translation_key as QueueKey] ??= entry.entity_id;
  }
  const name = (queue: QueueEntities) => deviceName(hass.devices?.[queue.deviceId]) ?? queue.id;
  return [...byDevice.values()].sort((a, b) => name(a).localeCompare(name(b)) || a.id.localeCompare(b.id));
}

function deviceName(device: DeviceRegistryEntry | undefined): string | null {
  return device?.name_by_user || device?.name || null;
}

/** The callers of `waiting_calls`' `calls` attribute, in queue order. */
export function readWaitingCallers(state: HassEntity | undefined): WaitingCaller[] {
  const raw = state?.attributes.calls;
  if (!Array.isArray(raw)) return [];
  const callers: WaitingCaller[] = [];
  raw.forEach((item, index) => {
    if (!item || typeof item !== "object") return;
    const caller = item as Record<string, unknown>;
    callers.push({
      position: number(caller.position) ?? index + 1,
      number: text(caller.number),
      name: text(caller.name),
      since: moment(caller.waiting_since),
    });
  });
  return callers.sort((a, b) => a.position - b.position);
}

/** A sensor's value as a number, null when unknown or unavailable. */
function value(state: HassEntity | undefined): number | null {
  return state ? number(state.state) : null;
}

/**
 * When the longest wait began. The moment the sensor gives is best (it does not go stale); else
 * the oldest waiting caller's; else the seconds the sensor last said, counted on from that update.
 */
function longestSince(longest: HassEntity | undefined, callers: WaitingCaller[], waiting: number | null): number | null {
  if (waiting === 0) return null;
  const given = moment(longest?.attributes.waiting_since);
  if (given !== null) return given;
  const oldest = callers.reduce<number | null>((min, c) => (c.since !== null && (min === null || c.since < min) ? c.since : min), null);
  if (oldest !== null) return oldest;
  const seconds = value(longest);
  const updated = moment(longest?.last_updated);
  if (!seconds || updated === null) return null;
  return updated - seconds * 1000;
}

/** What both cards show of a queue. */
export function readQueue(hass: HomeAssistant, queue: QueueEntities): QueueView {
  const state = (key: QueueKey) => {
    const id = queue.byKey[key];
    return id ? hass.states[id] : undefined;
  };
  const waitingState = state("waiting_calls");
  const waiting = value(waitingState);
  const calls = readWaitingCallers(waitingState);
  return {
    id: queue.id,
    name: deviceName(hass.devices?.[queue.deviceId]) ?? queue.id,
    waiting,
    longestSince: longestSince(state("longest_wait"), calls, waiting),
    estimatedWait: value(state("estimated_wait")),
    available: value(state("available_agents")),
    talking: value(state("talking_agents")),
    logged: value(state("logged_agents")),
    answeredRate: value(state("answered_rate")),
    calls,
  };
}

/** Seconds since an epoch-ms moment (0 for a moment in the future), null without one. */
export function secondsSince(since: number | null, now: number): number | null {
  return since === null ? null : Math.max(0, Math.floor((now - since) / 1000));
}

/** A count as text; a dash when it is not known. */
export const figure = (value: number | null): string => (value === null ? "–" : String(Math.round(value)));

/** A duration since a moment, as `m:ss`; a dash when there is none. */
export const waitText = (since: number | null, now: number): string => {
  const seconds = secondsSince(since, now);
  return seconds === null ? "–" : formatDuration(seconds);
};

/** Whether a wait runs, so that the host must re-render every second. */
export const anyWaitRuns = (queues: QueueView[]): boolean =>
  queues.some((queue) => queue.longestSince !== null || queue.calls.some((caller) => caller.since !== null));

/** The thresholds of a card's config, defaults filled in. */
export function thresholds(config: QueueThresholds | undefined): Required<QueueThresholds> {
  const pick = (given: unknown, fallback: number) => (typeof given === "number" && given >= 0 ? given : fallback);
  return {
    waiting_warning: pick(config?.waiting_warning, DEFAULT_WAITING_WARNING),
    wait_warning: pick(config?.wait_warning, DEFAULT_WAIT_WARNING),
  };
}

/** Whether a queue is at or past a threshold: that many callers, or the longest wait that long. */
export function queueWarns(queue: QueueView, limits: Required<QueueThresholds>, now: number): boolean {
  if (queue.waiting !== null && queue.waiting >= limits.waiting_warning && queue.waiting > 0) return true;
  const wait = secondsSince(queue.longestSince, now);
  return wait !== null && (queue.waiting ?? 1) > 0 && wait >= limits.wait_warning;
}

/** Refuse a threshold that is not a non-negative number (a card's setConfig). */
export function checkThresholds(config: QueueThresholds): void {
  for (const key of ["waiting_warning", "wait_warning"] as const) {
    const given = config[key];
    if (given !== undefined && (typeof given !== "number" || !Number.isFinite(given) || given < 0)) {
      throw new Error(`${key} must be a number, 0 or more`);
    }
  }
}
