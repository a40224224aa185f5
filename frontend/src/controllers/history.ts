/** The recent calls: fetched when first shown, again after a call ends and when the link is back. */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { errorMessage } from "../context";
import { readHistory } from "../line";
import type { XivoHistoryCall } from "../types";

export const HISTORY_SIZE = 10;
/** XUC's history may lag the end of a call a little: ask again after this. */
export const HISTORY_REFRESH_DELAY_MS = 1500;

export class HistoryController implements ReactiveController {
  /** Newest first; null until the first answer. */
  calls: XivoHistoryCall[] | null = null;
  /** Why the last request failed, in words; null once one succeeds. */
  error: string | null = null;

  private seq = 0;
  private requested = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** `xivo.get_call_history`'s response. */
    private readonly fetchHistory: (size: number) => Promise<unknown>,
    /** Whether the history can and should be asked for now (link up, section shown). */
    private readonly wanted: () => boolean,
    /** The message for a failed request, from the error's text. */
    private readonly failed: (message: string | null) => string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.requested = false;
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

  hostUpdated(): void {
    if (!this.requested && this.wanted()) void this.fetch();
  }

  /** Another line: forget this one's calls. */
  reset(): void {
    this.calls = null;
    this.requested = false;
  }

  /** The link came back: ask again once the card has rendered. */
  linkBack(): void {
    this.requested = false;
  }

  /** A call ended: ask again once the server has written it. */
  refreshSoon(): void {
    if (!this.wanted()) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.wanted()) void this.fetch();
    }, HISTORY_REFRESH_DELAY_MS);
  }

  private async fetch(): Promise<void> {
    this.requested = true;
    clearTimeout(this.timer);
    const seq = ++this.seq;
    try {
      const calls = readHistory(await this.fetchHistory(HISTORY_SIZE));
      if (seq !== this.seq) return;
      this.calls = calls;
      this.error = null;
    } catch (error) {
      if (seq !== this.seq) return;
      this.error = this.failed(errorMessage(error, "") || null);
    }
    this.host.requestUpdate();
  }
}
