/** The parts of Home Assistant's frontend `hass` object this card reads. */

export interface HassEntity {
  entity_id: string;
  state: string;
  attributes: Record<string, unknown>;
  last_changed?: string;
  last_updated?: string;
}

/** An entity registry display entry (`hass.entities[entity_id]`). */
export interface EntityRegistryDisplayEntry {
  entity_id: string;
  name?: string | null;
  device_id?: string | null;
  platform?: string;
  translation_key?: string | null;
  hidden?: boolean;
  entity_category?: string | null;
}

export interface DeviceRegistryEntry {
  id: string;
  name?: string | null;
  name_by_user?: string | null;
  serial_number?: string | null;
  /** The device this one is reached through (a queue's device: its line's). */
  via_device_id?: string | null;
  /** `[domain, id]` pairs. */
  identifiers?: [string, string][];
}

export interface HomeAssistant {
  states: Record<string, HassEntity>;
  entities: Record<string, EntityRegistryDisplayEntry>;
  devices: Record<string, DeviceRegistryEntry>;
  language: string;
  /** The user's profile: language, 12/24 h (`12`, `24`, `language`, `system`), time zone (`server`, `local`). */
  locale?: { language?: string; time_format?: string; time_zone?: string };
  /** The server's configuration; `time_zone` is an IANA name such as `Europe/Paris`. */
  config?: { time_zone?: string };
  themes?: { darkMode?: boolean };
  /** An entity's state as the frontend shows it, translated by the integration (HA 2023.9+). */
  formatEntityState?(stateObj: HassEntity, state?: string): string;
  /** A frontend or integration text by key (`component.xivo.entity…`, `state.default.unknown`). */
  localize?(key: string, values?: Record<string, unknown>): string;
  callService(
    domain: string,
    service: string,
    serviceData?: Record<string, unknown>,
    target?: Record<string, unknown>,
    notifyOnError?: boolean,
    returnResponse?: boolean,
  ): Promise<unknown>;
  callWS<T = unknown>(message: Record<string, unknown>): Promise<T>;
}

/** In the order the card shows them. */
export const SECTIONS = ["agent", "calls", "queues", "dialpad", "colleagues", "recent", "forwards"] as const;
export type Section = (typeof SECTIONS)[number];

/** Thresholds past which a queue shows in the warning colour (both cards). */
export interface QueueThresholds {
  /** Callers waiting (default 3). */
  waiting_warning?: number;
  /** Seconds the longest caller has waited (default 60). */
  wait_warning?: number;
}

export interface XivoPhoneCardConfig extends QueueThresholds {
  type: string;
  device_id: string;
  sections?: Section[];
  colleagues?: string[];
}

/** `custom:xivo-queues-card`: the wallboard. */
export interface XivoQueuesCardConfig extends QueueThresholds {
  type: string;
  device_id: string;
  /** Queue ids (as strings); default every queue the line shows. */
  queues?: string[];
}

export type CallStateValue = "dialing" | "ringing" | "established" | "on_hold";

/** One item of the `call_state` sensor's `calls` attribute (see DESIGN.md, "Calls as data"). */
export interface XivoCall {
  unique_id: string;
  linked_id: string | null;
  state: CallStateValue;
  direction: "incoming" | "outgoing" | null;
  other_number: string | null;
  other_name: string | null;
  name_source: "pbx" | "directory" | null;
  queue: string | null;
  started_at: string | null;
  answered_at: string | null;
}

/** One item of `xivo.search_contacts`' response. */
export interface XivoContact {
  name: string;
  number: string | null;
  mobile: string | null;
  email: string | null;
  status: string | null;
  favorite: boolean;
}

/** One item of `xivo.get_call_history`' response. */
export interface XivoHistoryCall {
  start: string;
  duration: number | null;
  direction: string | null;
  status: string | null;
  number: string | null;
  name: string | null;
}

export type ForwardKind = "unconditional" | "no_answer" | "busy";
export const FORWARDS: readonly ForwardKind[] = ["unconditional", "no_answer", "busy"];
