/**
 * Re-renders its host on each whole second while the host shows a time that runs (a wait, the
 * time in an agent state): the server sends a moment once, not a counter every second.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";

export class SecondTicker implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private connected = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
  }

  hostDisconnected(): void {
    this.connected = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Call from render: wake the host at the next whole second when `running`, else stop. */
  schedule(running: boolean, now = Date.now()): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!running || !this.connected) return;
    this.timer = setTimeout(() => this.host.requestUpdate(), 1000 - (now % 1000));
  }
}
