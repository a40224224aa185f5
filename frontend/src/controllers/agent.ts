/**
 * The agent's state as the card shows it: what the server confirmed through the `agent_state`
 * sensor, or, while a request is on its way, the state asked for (as the forwards do).
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { AgentStateValue } from "../cc";
import type { HomeAssistant } from "../types";
import { SENT_TIMEOUT_MS } from "./pending";

/** A request sent and not yet answered by the sensor. */
export interface AgentRequest {
  state: AgentStateValue;
  reason: string | null;
}

export class AgentController implements ReactiveController {
  /** What was asked and is not yet reported back; null when nothing is pending. */
  pending: AgentRequest | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The `agent_state` sensor's entity id. */
    private readonly entityId: () => string | undefined,
    /** Run a `xivo.*` action; true when accepted (an error shows in the card). */
    private readonly act: (service: string, data: Record<string, unknown>) => Promise<boolean>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.forget();
  }

  /** A new `hass`: a pending request is settled once the sensor changes (or the link drops). */
  hassChanged(old: HomeAssistant | undefined, hass: HomeAssistant, linkUp: boolean): void {
    if (!this.pending) return;
    const id = this.entityId();
    if (!old || !id || !linkUp || hass.states[id] !== old.states[id]) this.forget();
  }

  logIn(): Promise<boolean> {
    return this.send({ state: "ready", reason: null }, "agent_login", {});
  }

  logOut(): Promise<boolean> {
    return this.send({ state: "logged_out", reason: null }, "agent_logout", {});
  }

  ready(): Promise<boolean> {
    return this.send({ state: "ready", reason: null }, "agent_unpause", {});
  }

  pause(reason: string | null): Promise<boolean> {
    return this.send({ state: "paused", reason }, "agent_pause", reason ? { reason } : {});
  }

  private async send(request: AgentRequest, service: string, data: Record<string, unknown>): Promise<boolean> {
    this.forget();
    this.pending = request;
    this.host.requestUpdate();
    const ok = await this.act(service, data);
    if (this.pending !== request) return ok; // answered (or replaced) meanwhile
    // Refused: show the sensor again. Accepted but never reported back: the same, a little later.
    if (!ok) this.forget();
    else this.timer = setTimeout(() => this.forget(), SENT_TIMEOUT_MS);
    return ok;
  }

  private forget(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending) return;
    this.pending = null;
    this.host.requestUpdate();
  }
}
