/** An attended transfer started from this card, followed through the line's calls and kept across reloads. */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { XivoCall } from "../types";

/** The held call and, once it rings, the consultation call. */
export interface AttendedTransfer {
  held: string;
  /** The calls there were when it started, to recognise the consultation call. */
  before: string[];
  consult: string | null;
  /** The held call has been seen on hold (so "established" again means the dial failed). */
  sawHold: boolean;
}

export class AttendedTransferController implements ReactiveController {
  value: AttendedTransfer | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The line's device id, which names the stored transfer. */
    private readonly deviceId: () => string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The transfer stored for the current line (after a reload, or another line chosen). */
  load(): void {
    try {
      const stored = sessionStorage.getItem(this.key());
      this.value = stored ? (JSON.parse(stored) as AttendedTransfer) : null;
    } catch {
      this.value = null;
    }
  }

  /** Known before the action's answer: the held call's state change may arrive first. */
  start(held: string, calls: XivoCall[]): void {
    this.set({ held, before: calls.map((call) => call.unique_id), consult: null, sawHold: false });
  }

  set(transfer: AttendedTransfer | null): void {
    this.value = transfer;
    try {
      if (transfer) sessionStorage.setItem(this.key(), JSON.stringify(transfer));
      else sessionStorage.removeItem(this.key());
    } catch {
      // No storage (private mode, tests): the transfer is only known until a reload.
    }
    this.host.requestUpdate();
  }

  /** Follow the line's calls: find the consultation call, end when either call is gone. */
  track(calls: XivoCall[]): void {
    const transfer = this.value;
    if (!transfer) return;
    const held = calls.find((call) => call.unique_id === transfer.held);
    let next: AttendedTransfer | null = { ...transfer };
    if (!held) next = null;
    else if (transfer.consult === null) {
      const fresh = calls.find((call) => !transfer.before.includes(call.unique_id));
      if (fresh) next.consult = fresh.unique_id;
      if (held.state === "on_hold") next.sawHold = true;
      else if (transfer.sawHold && !fresh) next = null; // the consultation call failed
    } else if (!calls.some((call) => call.unique_id === transfer.consult)) next = null;
    if (JSON.stringify(next) !== JSON.stringify(transfer)) this.set(next);
  }

  private key(): string {
    return `xivo-phone-card:attended:${this.deviceId()}`;
  }
}
