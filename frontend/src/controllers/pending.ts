/**
 * What the forwards section shows before the server confirms it: switch and destination values
 * sent and not yet reported back by their entities, and destinations being typed.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { LineKey } from "../line";
import type { ForwardKind, HassEntity, HomeAssistant } from "../types";

/** How long a switch shows the value sent before falling back to what its entity says. */
export const SENT_TIMEOUT_MS = 10_000;

type Values = Partial<Record<LineKey, string | boolean>>;
export type SwitchKey = "dnd" | `${ForwardKind}_forward`;

export class PendingValues implements ReactiveController {
  /** Values sent to the server and not yet reported back by their entity. */
  private sent: Values = {};
  /** Destinations typed and not yet saved. */
  private drafts: Partial<Record<ForwardKind, string>> = {};

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The line's entity for a key, in the current `hass`. */
    private readonly state: (key: LineKey) => HassEntity | undefined,
    /** The line's entity id for a key. */
    private readonly entityId: (key: LineKey) => string | undefined,
    /** Run a `xivo.*` action; true when accepted (an error shows in the card). */
    private readonly act: (service: string, data: Record<string, unknown>) => Promise<boolean>,
    /** Show the card's own message as an error. */
    private readonly say: (message: string) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** A switch as shown: the value just sent until its entity reports back, else the entity's. */
  switchOn(key: SwitchKey): boolean {
    const sent = this.sent[key];
    return typeof sent === "boolean" ? sent : this.state(key)?.state === "on";
  }

  /** A forward's destination as shown: typed, sent, or the entity's. */
  destination(kind: ForwardKind): string {
    const key = `${kind}_forward_destination` as const;
    const sent = this.sent[key];
    if (this.drafts[kind] !== undefined) return this.drafts[kind]!;
    if (typeof sent === "string") return sent;
    const state = this.state(key)?.state;
    return state && state !== "unknown" && state !== "unavailable" ? state : "";
  }

  /** A new `hass`: values whose entity changed (or that can no longer be confirmed) are reported. */
  hassChanged(old: HomeAssistant | undefined, hass: HomeAssistant, linkUp: boolean): void {
    const reported = (Object.keys(this.sent) as LineKey[]).filter((key) => {
      const id = this.entityId(key);
      return !old || !id || old.states[id] !== hass.states[id] || !linkUp;
    });
    if (!reported.length) return;
    const rest = { ...this.sent };
    for (const key of reported) delete rest[key];
    this.sent = rest;
  }

  typed(kind: ForwardKind, value: string): void {
    this.drafts = { ...this.drafts, [kind]: value };
    this.host.requestUpdate();
  }

  async setDnd(enabled: boolean): Promise<void> {
    await this.send({ dnd: enabled }, "set_dnd", { enabled });
  }

  /** Turn a forward on (to the destination shown) or off; refused without a destination. */
  async toggleForward(kind: ForwardKind, enabled: boolean, needDestination: string): Promise<boolean> {
    const destination = this.destination(kind).trim();
    if (enabled && !destination) {
      this.say(needDestination);
      return false;
    }
    const draft = this.drafts[kind];
    const values: Values = { [`${kind}_forward`]: enabled };
    if (enabled && draft !== undefined) values[`${kind}_forward_destination`] = destination;
    this.dropDraft(kind);
    const data = enabled ? { forward: kind, enabled, destination } : { forward: kind, enabled };
    const ok = await this.send(values, "set_forward", data);
    if (!ok && draft !== undefined) this.typed(kind, draft);
    return ok;
  }

  /** Save a typed destination, keeping the forward's state. */
  async commitDestination(kind: ForwardKind): Promise<void> {
    const draft = this.drafts[kind];
    if (draft === undefined) return;
    const destination = draft.trim();
    this.dropDraft(kind);
    if (!destination || destination === this.destination(kind)) return;
    const enabled = this.switchOn(`${kind}_forward`);
    const values = { [`${kind}_forward_destination`]: destination };
    if (!(await this.send(values, "set_forward", { forward: kind, enabled, destination }))) this.typed(kind, draft);
  }

  /** Send a change, showing it until the entities it changes report back (or it fails). */
  private async send(values: Values, service: string, data: Record<string, unknown>): Promise<boolean> {
    this.sent = { ...this.sent, ...values };
    this.host.requestUpdate();
    const forget = () => {
      const sent = { ...this.sent };
      for (const [key, value] of Object.entries(values) as [LineKey, unknown][]) {
        if (sent[key] === value) delete sent[key];
      }
      this.sent = sent;
      this.host.requestUpdate();
    };
    const ok = await this.act(service, data);
    // Accepted but never reported back (the server ignored it): show the entity again.
    if (ok) setTimeout(forget, SENT_TIMEOUT_MS);
    else forget();
    return ok;
  }

  private dropDraft(kind: ForwardKind): void {
    const drafts = { ...this.drafts };
    delete drafts[kind];
    this.drafts = drafts;
    this.host.requestUpdate();
  }
}
