/** Pure helpers: find a line's entities, read its calls, normalise numbers, format times. */
import type {
  CallStateValue,
  EntityRegistryDisplayEntry,
  HassEntity,
  HomeAssistant,
  XivoCall,
  XivoContact,
  XivoHistoryCall,
} from "./types";

export const DOMAIN = "xivo";

/** The translation keys of a line's single entities. */
export const LINE_KEYS = [
  "phone_status",
  "call_state",
  "connected",
  "dnd",
  "unconditional_forward",
  "no_answer_forward",
  "busy_forward",
  "unconditional_forward_destination",
  "no_answer_forward_destination",
  "busy_forward_destination",
  "missed_calls",
  "reset_missed_calls",
  "voicemail_new",
] as const;
export type LineKey = (typeof LINE_KEYS)[number];

export interface LineEntityIds {
  /** translation_key → entity_id */
  byKey: Partial<Record<LineKey, string>>;
  /** The `hint` sensors, one per monitored number. */
  hints: string[];
}

const LINE_KEY_SET: ReadonlySet<string> = new Set(LINE_KEYS);

/** The xivo entities of one device, by translation key (registry display entries). */
export function findLineEntities(
  entities: Record<string, EntityRegistryDisplayEntry> | undefined,
  deviceId: string,
): LineEntityIds {
  const byKey: Partial<Record<LineKey, string>> = {};
  const hints: string[] = [];
  for (const entry of Object.values(entities ?? {})) {
    if (entry.platform !== DOMAIN || entry.device_id !== deviceId || !entry.translation_key) {
      continue;
    }
    const key = entry.translation_key;
    if (key === "hint") hints.push(entry.entity_id);
    else if (LINE_KEY_SET.has(key) && !byKey[key as LineKey]) byKey[key as LineKey] = entry.entity_id;
  }
  hints.sort();
  return { byKey, hints };
}

/** The first device that has a xivo line entity (for the card picker's stub config). */
export function firstXivoDevice(hass: HomeAssistant | undefined): string | undefined {
  let fallback: string | undefined;
  for (const entry of Object.values(hass?.entities ?? {})) {
    if (entry.platform !== DOMAIN || !entry.device_id) continue;
    if (entry.translation_key === "phone_status" || entry.translation_key === "call_state") {
      return entry.device_id;
    }
    fallback ??= entry.device_id;
  }
  return fallback;
}

/** The number a hint sensor shows: its `number` attribute, else the entity id's last part. */
export function hintNumber(entityId: string, state: HassEntity | undefined): string {
  const attribute = state?.attributes.number;
  if (typeof attribute === "string" && attribute) return attribute;
  if (typeof attribute === "number") return String(attribute);
  const match = /_([0-9*#+]+)$/.exec(entityId);
  return match ? match[1] : entityId;
}

const CALL_STATES: ReadonlySet<string> = new Set(["dialing", "ringing", "established", "on_hold"]);

function text(value: unknown): string | null {
  if (typeof value === "string") return value || null;
  if (typeof value === "number") return String(value);
  return null;
}

/** The calls of the `call_state` sensor's `calls` attribute, items that do not parse left out. */
export function readCalls(state: HassEntity | undefined): XivoCall[] {
  const raw = state?.attributes.calls;
  if (!Array.isArray(raw)) return [];
  const calls: XivoCall[] = [];
  for (const item of raw) {
    if (!item || typeof item !== "object") continue;
    const call = item as Record<string, unknown>;
    const uniqueId = text(call.unique_id);
    const callState = text(call.state);
    if (!uniqueId || !callState || !CALL_STATES.has(callState)) continue;
    const direction = call.direction === "incoming" || call.direction === "outgoing" ? call.direction : null;
    const nameSource = call.name_source === "pbx" || call.name_source === "directory" ? call.name_source : null;
    calls.push({
      unique_id: uniqueId,
      linked_id: text(call.linked_id),
      state: callState as CallStateValue,
      direction,
      other_number: text(call.other_number),
      other_name: text(call.other_name),
      name_source: nameSource,
      queue: text(call.queue),
      started_at: text(call.started_at),
      answered_at: text(call.answered_at),
    });
  }
  return calls;
}

/** Contacts of a `search_contacts` response that can be called. */
export function readContacts(response: unknown): XivoContact[] {
  const raw = (response as { contacts?: unknown } | null | undefined)?.contacts;
  if (!Array.isArray(raw)) return [];
  const contacts: XivoContact[] = [];
  for (const item of raw) {
    if (!item || typeof item !== "object") continue;
    const contact = item as Record<string, unknown>;
    const number = text(contact.number);
    const mobile = text(contact.mobile);
    if (!number && !mobile) continue;
    contacts.push({
      name: text(contact.name) ?? number ?? mobile ?? "",
      number,
      mobile,
      email: text(contact.email),
      status: text(contact.status),
      favorite: contact.favorite === true,
    });
  }
  return contacts;
}

/** Calls of a `get_call_history` response, newest first as the server sends them. */
export function readHistory(response: unknown): XivoHistoryCall[] {
  const raw = (response as { calls?: unknown } | null | undefined)?.calls;
  if (!Array.isArray(raw)) return [];
  const calls: XivoHistoryCall[] = [];
  for (const item of raw) {
    if (!item || typeof item !== "object") continue;
    const call = item as Record<string, unknown>;
    calls.push({
      start: text(call.start) ?? "",
      duration: typeof call.duration === "number" ? call.duration : null,
      direction: text(call.direction),
      status: text(call.status),
      number: text(call.number),
      name: text(call.name),
    });
  }
  return calls;
}

/**
 * A typed number as the PBX takes it: separators (spaces, dots, dashes, slashes, brackets)
 * dropped, a leading `00` kept as typed. Null when what is left is not a dialable number.
 */
export function normaliseNumber(input: string): string | null {
  const compact = input.trim().replace(/[\s.\-/()]/g, "");
  return /^\+?[0-9*#]+$/.test(compact) ? compact : null;
}

/** Seconds as `m:ss`, or `h:mm:ss` from one hour. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** Milliseconds since an ISO time (0 if it is unreadable or in the future). */
export function elapsedMs(since: string | null | undefined, now: number): number {
  if (!since) return 0;
  const start = Date.parse(since);
  return Number.isNaN(start) ? 0 : Math.max(0, now - start);
}

/** Phone statuses XUC reports, as the integration names them. */
export const PHONE_STATUSES = [
  "available",
  "ringing",
  "calling",
  "busy",
  "busy_and_ringing",
  "on_hold",
  "unreachable",
  "deactivated",
  "unexisting",
  "error",
] as const;
const PHONE_STATUS_SET: ReadonlySet<string> = new Set(PHONE_STATUSES);

/** A state usable in a class name and a text key: a phone status, `unavailable` or `unknown`. */
export function phoneStatusOf(state: string | undefined): string {
  if (state && PHONE_STATUS_SET.has(state)) return state;
  return state === "unavailable" ? "unavailable" : "unknown";
}

/** The other party as people read it: the name, else the number. */
export function partyName(name: string | null, number: string | null): string | null {
  return name || number || null;
}
