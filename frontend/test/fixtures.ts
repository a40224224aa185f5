/** A fake Home Assistant holding one XiVO line's entities, as the integration creates them. */
import english from "../../custom_components/xivo/translations/en.json";
import french from "../../custom_components/xivo/translations/fr.json";
import "../src/xivo-phone-card";
import type { XivoPhoneCard } from "../src/card";
import type {
  EntityRegistryDisplayEntry,
  HassEntity,
  HomeAssistant,
  XivoCall,
  XivoPhoneCardConfig,
} from "../src/types";

export const DEVICE_ID = "3f1c0d5e8a7b4c2d9e6f0a1b2c3d4e5f";
export const OTHER_DEVICE_ID = "99999999999999999999999999999999";
const PHONE_STATUS_OPTIONS = [
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
];

export interface ServiceCall {
  domain: string;
  service: string;
  data: Record<string, unknown>;
}

export interface LineOptions {
  connected?: boolean;
  phoneStatus?: string;
  calls?: Partial<XivoCall>[];
  hints?: Record<string, string>;
  dnd?: boolean;
  forwards?: Partial<Record<"unconditional" | "no_answer" | "busy", { enabled: boolean; destination: string }>>;
  missed?: number;
  voicemail?: number;
  language?: string;
}

const ID = {
  phone_status: "sensor.bureau_1000_phone_status",
  call_state: "sensor.bureau_1000_call_state",
  connected: "binary_sensor.bureau_1000_cti_link",
  dnd: "switch.bureau_1000_do_not_disturb",
  unconditional_forward: "switch.bureau_1000_unconditional_forward",
  no_answer_forward: "switch.bureau_1000_forward_on_no_answer",
  busy_forward: "switch.bureau_1000_forward_on_busy",
  unconditional_forward_destination: "text.bureau_1000_unconditional_forward_destination",
  no_answer_forward_destination: "text.bureau_1000_no_answer_forward_destination",
  busy_forward_destination: "text.bureau_1000_busy_forward_destination",
  missed_calls: "sensor.bureau_1000_missed_calls",
  reset_missed_calls: "button.bureau_1000_reset_missed_calls",
  voicemail_new: "sensor.bureau_1000_new_voicemail_messages",
  voicemail_waiting: "sensor.bureau_1000_waiting_voicemail_messages",
  call: "event.bureau_1000_call",
} as const;
export const ENTITY = ID;

export const hintId = (number: string) => `sensor.bureau_1000_phone_${number}`;

/** A call as the `call_state` sensor lists it; `answeredSecondsAgo` sets `answered_at`. */
export function call(
  uniqueId: string,
  state: XivoCall["state"],
  extra: Partial<XivoCall> & { answeredSecondsAgo?: number } = {},
): Partial<XivoCall> {
  const { answeredSecondsAgo, ...rest } = extra;
  const now = Date.now();
  return {
    unique_id: uniqueId,
    linked_id: uniqueId,
    state,
    direction: "incoming",
    other_number: "0612345678",
    other_name: "Jeanne Martin",
    name_source: "pbx",
    queue: null,
    started_at: new Date(now - 30_000).toISOString(),
    answered_at:
      answeredSecondsAgo === undefined ? null : new Date(now - answeredSecondsAgo * 1000).toISOString(),
    ...rest,
  };
}

// The integration's own translations, and the few of Home Assistant's frontend the card uses.
const TRANSLATIONS: Record<string, unknown> = { en: english, fr: french };
const FRONTEND: Record<string, Record<string, string>> = {
  en: { "state.default.unknown": "Unknown", "state.default.unavailable": "Unavailable" },
  fr: { "state.default.unknown": "Inconnu", "state.default.unavailable": "Indisponible" },
};

/** `hass.localize` as the frontend does it, for `component.xivo.…` and the keys above. */
function localize(language: string, key: string): string {
  const lang = language in TRANSLATIONS ? language : "en";
  if (key in FRONTEND[lang]) return FRONTEND[lang][key];
  const path = /^component\.xivo\.(.+)$/.exec(key)?.[1].split(".") ?? [];
  let node: unknown = path.length ? TRANSLATIONS[lang] : undefined;
  for (const part of path) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === "string" ? node : "";
}

export class FakeHome {
  states: Record<string, HassEntity> = {};
  entities: Record<string, EntityRegistryDisplayEntry> = {};
  devices: HomeAssistant["devices"] = {};
  language = "en";
  /** The user's profile: `time_format` (`12`, `24`, `language`, `system`), `time_zone` (`server`, `local`). */
  locale: { time_format?: string; time_zone?: string } = {};
  /** The server's time zone. */
  timeZone = "Europe/Paris";
  readonly serviceCalls: ServiceCall[] = [];
  readonly wsCalls: Record<string, unknown>[] = [];
  /** Answers `callService`; resolves by default. */
  onService: (call: ServiceCall) => Promise<unknown> = async () => ({});
  /** Answers return-response actions by service name. */
  onResponse: (service: string, data: Record<string, unknown>) => Promise<unknown> = async (service) =>
    service === "get_call_history" ? { calls: [] } : { contacts: [] };

  private current: HomeAssistant | undefined;

  /** The same function from one `hass` to the next, as in Home Assistant until translations change. */
  readonly localize = (key: string): string => localize(this.language, key);
  // As the frontend does: the integration's translation of the state, else the common words.
  readonly formatEntityState = (stateObj: HassEntity): string => {
    const entry = this.entities[stateObj.entity_id];
    const platform = stateObj.entity_id.split(".")[0];
    const own = entry?.translation_key
      ? localize(this.language, `component.xivo.entity.${platform}.${entry.translation_key}.state.${stateObj.state}`)
      : "";
    return own || localize(this.language, `state.default.${stateObj.state}`) || stateObj.state;
  };

  constructor(options: LineOptions = {}) {
    this.language = options.language ?? "en";
    this.devices = {
      [DEVICE_ID]: { id: DEVICE_ID, name: "Bureau 1000", name_by_user: null, serial_number: "1000" },
      [OTHER_DEVICE_ID]: { id: OTHER_DEVICE_ID, name: "Accueil 2000", name_by_user: null, serial_number: "2000" },
    };
    const register = (entityId: string, key: string, device = DEVICE_ID, platform = "xivo") => {
      this.entities[entityId] = {
        entity_id: entityId,
        device_id: device,
        platform,
        translation_key: key,
        entity_category: key === "connected" ? "diagnostic" : null,
      };
    };
    for (const [key, entityId] of Object.entries(ID)) register(entityId, key);
    // Another line of the same integration and someone else's entity: the card must ignore them.
    register("sensor.accueil_2000_call_state", "call_state", OTHER_DEVICE_ID);
    register("binary_sensor.accueil_2000_cti_link", "connected", OTHER_DEVICE_ID);
    register("sensor.kitchen_temperature", "temperature", "kitchen", "mqtt");
    this.put("sensor.accueil_2000_call_state", "idle", { calls: [] });
    this.put("binary_sensor.accueil_2000_cti_link", "on");
    this.put("sensor.kitchen_temperature", "21.5", { unit_of_measurement: "°C" });

    const connected = options.connected ?? true;
    const up = (state: string) => (connected ? state : "unavailable");
    const calls = options.calls ?? [];
    this.put(ID.connected, connected ? "on" : "off", { device_class: "connectivity", friendly_name: "Bureau 1000 CTI link" });
    this.put(ID.phone_status, up(options.phoneStatus ?? (calls.length ? "calling" : "available")), {
      device_class: "enum",
      options: PHONE_STATUS_OPTIONS,
      friendly_name: "Bureau 1000 Phone status",
    });
    this.setCalls(calls, connected);
    this.put(ID.dnd, up(options.dnd ? "on" : "off"), { friendly_name: "Bureau 1000 Do not disturb" });
    for (const kind of ["unconditional", "no_answer", "busy"] as const) {
      const forward = options.forwards?.[kind] ?? { enabled: false, destination: "" };
      this.put(ID[`${kind}_forward`], up(forward.enabled ? "on" : "off"));
      this.put(ID[`${kind}_forward_destination`], up(forward.destination), { mode: "text", min: 0, max: 40 });
    }
    this.put(ID.missed_calls, up(String(options.missed ?? 0)), {
      state_class: "total",
      last_caller_number: options.missed ? "0612345678" : null,
      last_caller_name: options.missed ? "Jeanne Martin" : null,
      last_missed_at: options.missed ? "2026-11-30T09:12:00+01:00" : null,
    });
    this.put(ID.reset_missed_calls, up("unknown"));
    this.put(ID.voicemail_new, up(String(options.voicemail ?? 0)));
    this.put(ID.voicemail_waiting, up("0"));
    this.put(ID.call, up("unknown"), { event_types: ["dialing", "ringing", "established", "released", "on_hold", "failure", "missed"] });
    for (const [number, status] of Object.entries(options.hints ?? {})) this.addHint(number, status, connected);
  }

  addHint(number: string, status: string, connected = true): void {
    const entityId = hintId(number);
    this.entities = {
      ...this.entities,
      [entityId]: { entity_id: entityId, device_id: DEVICE_ID, platform: "xivo", translation_key: "hint" },
    };
    this.put(entityId, connected ? status : "unavailable", {
      device_class: "enum",
      options: PHONE_STATUS_OPTIONS,
      number,
      friendly_name: `Bureau 1000 Phone ${number}`,
    });
  }

  /** Replace one entity's state object (as HA does: other objects keep their identity). */
  put(entityId: string, state: string, attributes: Record<string, unknown> = {}): void {
    const previous = this.states[entityId];
    this.states = {
      ...this.states,
      [entityId]: {
        entity_id: entityId,
        state,
        attributes: { ...(previous?.attributes ?? {}), ...attributes },
        last_changed: new Date().toISOString(),
        last_updated: new Date().toISOString(),
      },
    };
  }

  setCalls(calls: Partial<XivoCall>[], connected = true): void {
    const last = calls[calls.length - 1];
    const state = !connected ? "unavailable" : last ? (last.state as string) : "idle";
    this.put(ID.call_state, state, {
      device_class: "enum",
      calls,
      call_count: calls.length,
      other_number: last?.other_number ?? null,
      other_name: last?.other_name ?? null,
      direction: last?.direction ?? null,
      queue: last?.queue ?? null,
      unique_id: last?.unique_id ?? null,
      linked_id: last?.linked_id ?? null,
    });
  }

  /** The link drops: `connected` off, every other entity of the line unavailable. */
  dropLink(): void {
    for (const [entityId, entry] of Object.entries(this.entities)) {
      if (entry.device_id !== DEVICE_ID) continue;
      this.put(entityId, entityId === ID.connected ? "off" : "unavailable");
    }
  }

  /** A new `hass` object, as HA hands one to every card on each change. */
  hass(): HomeAssistant {
    const home = this;
    this.current = {
      states: this.states,
      entities: this.entities,
      devices: this.devices,
      language: this.language,
      locale: { language: this.language, ...this.locale },
      config: { time_zone: this.timeZone },
      localize: this.localize,
      formatEntityState: this.formatEntityState,
      callService(domain, service, serviceData = {}) {
        const recorded = { domain, service, data: serviceData };
        home.serviceCalls.push(recorded);
        return home.onService(recorded);
      },
      async callWS<T>(message: Record<string, unknown>): Promise<T> {
        home.wsCalls.push(message);
        const response = await home.onResponse(String(message.service), message.service_data as Record<string, unknown>);
        return { context: { id: "ctx" }, response } as T;
      },
    };
    return this.current;
  }

  /** The service calls of the `xivo` domain (name and data). */
  xivoCalls(): { service: string; data: Record<string, unknown> }[] {
    return this.serviceCalls.filter((c) => c.domain === "xivo").map(({ service, data }) => ({ service, data }));
  }

  responseCalls(service: string): Record<string, unknown>[] {
    return this.wsCalls
      .filter((m) => m.type === "call_service" && m.domain === "xivo" && m.service === service && m.return_response === true)
      .map((m) => m.service_data as Record<string, unknown>);
  }
}

export async function mount(
  home: FakeHome,
  config: Partial<XivoPhoneCardConfig> = {},
): Promise<XivoPhoneCard> {
  const card = document.createElement("xivo-phone-card") as XivoPhoneCard;
  card.setConfig({ type: "custom:xivo-phone-card", device_id: DEVICE_ID, ...config });
  card.hass = home.hass();
  document.body.append(card);
  await settle(card);
  return card;
}

/** Let promises resolve and every element of the card finish rendering. */
export async function settle(card: XivoPhoneCard): Promise<void> {
  for (let round = 0; round < 5; round++) {
    await Promise.resolve();
    await card.updateComplete;
    const children = [...card.shadowRoot!.querySelectorAll("xivo-phone-lamp, xivo-call-timer")] as unknown as {
      updateComplete: Promise<unknown>;
    }[];
    await Promise.all(children.map((child) => child.updateComplete));
  }
}

export async function refresh(card: XivoPhoneCard, home: FakeHome): Promise<void> {
  card.hass = home.hass();
  await settle(card);
}

const squash = (text: string | null | undefined) => (text ?? "").replace(/\s+/g, " ").trim();

/** The accessible name of a control, as a browser computes it for these simple cases. */
export function accessibleName(element: Element): string {
  const label = element.getAttribute("aria-label");
  if (label) return label.trim();
  const root = element.getRootNode() as ParentNode;
  if (element.id) {
    const byFor = root.querySelector(`label[for="${element.id}"]`);
    if (byFor) return squash(byFor.textContent);
  }
  const wrapping = element.closest("label");
  if (wrapping) return squash(wrapping.textContent);
  return squash(element.textContent);
}

export function buttons(card: XivoPhoneCard, scope?: Element): HTMLButtonElement[] {
  return [...(scope ?? card.shadowRoot!).querySelectorAll("button")] as HTMLButtonElement[];
}

export function buttonNames(card: XivoPhoneCard, scope?: Element): string[] {
  return buttons(card, scope).map(accessibleName);
}

/** The one button with exactly this accessible name; fails when there are none or several. */
export function button(card: XivoPhoneCard, name: string, scope?: Element): HTMLButtonElement {
  const found = buttons(card, scope).filter((b) => accessibleName(b) === name);
  if (found.length !== 1) {
    throw new Error(`expected one button named "${name}", found ${found.length} among: ${buttonNames(card, scope).join(" | ")}`);
  }
  return found[0];
}

export function hasButton(card: XivoPhoneCard, name: string, scope?: Element): boolean {
  return buttons(card, scope).some((b) => accessibleName(b) === name);
}

export function field(card: XivoPhoneCard, name: string): HTMLInputElement {
  const found = ([...card.shadowRoot!.querySelectorAll("input")] as HTMLInputElement[]).filter(
    (input) => accessibleName(input) === name,
  );
  if (found.length !== 1) throw new Error(`expected one field named "${name}", found ${found.length}`);
  return found[0];
}

export function row(card: XivoPhoneCard, uniqueId: string): HTMLElement {
  const found = card.shadowRoot!.querySelector(`[data-unique-id="${uniqueId}"]`);
  if (!found) throw new Error(`no call row ${uniqueId}`);
  return found as HTMLElement;
}

export function text(card: XivoPhoneCard, selector = ".card"): string {
  return squash(card.shadowRoot!.querySelector(selector)?.textContent);
}

export async function type(card: XivoPhoneCard, input: HTMLInputElement, value: string): Promise<void> {
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
  await settle(card);
}

export async function click(card: XivoPhoneCard, target: HTMLElement): Promise<void> {
  target.click();
  await settle(card);
}

/** A promise and the functions that settle it, to answer a request when the test says so. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
