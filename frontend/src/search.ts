/** Contact search as you type: debounced, and only the latest term's answer is shown. */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { XivoContact } from "./types";

export const SEARCH_DELAY_MS = 300;
export const SEARCH_MIN_LENGTH = 2;

export class ContactSearch implements ReactiveController {
  /** The contacts found for `term` (empty until they arrive). */
  results: XivoContact[] = [];
  /** The term the results are for, or are awaited for. */
  term = "";
  /** True from the keystroke until the answer for the latest term arrives. */
  pending = false;

  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The latest term's search, once it has started. */
  private running: Promise<void> | undefined;

  constructor(
    private readonly search: (term: string) => Promise<XivoContact[]>,
    private readonly onChange: () => void,
    private readonly onError: (error: unknown) => void,
    private readonly delay = SEARCH_DELAY_MS,
  ) {}

  /** A search that re-renders `host` when its results change and stops with it. */
  static for(
    host: ReactiveControllerHost,
    search: (term: string) => Promise<XivoContact[]>,
    onError: (error: unknown) => void,
  ): ContactSearch {
    const controller = new ContactSearch(search, () => host.requestUpdate(), onError);
    host.addController(controller);
    return controller;
  }

  hostDisconnected(): void {
    this.dispose();
  }

  /** A new text in the field: search it after the delay, dropping any earlier request. */
  input(value: string): void {
    const term = value.trim();
    if (term === this.term && (this.pending || this.results.length)) return;
    clearTimeout(this.timer);
    const seq = ++this.seq;
    this.term = term;
    this.results = [];
    this.running = undefined;
    this.pending = term.length >= SEARCH_MIN_LENGTH;
    this.onChange();
    if (!this.pending) return;
    this.timer = setTimeout(() => void this.start(term, seq), this.delay);
  }

  /**
   * The contacts for the current term, searching now rather than after the delay: what a button
   * pressed right after typing acts on. Null when the term changed meanwhile.
   */
  async settled(): Promise<XivoContact[] | null> {
    const seq = this.seq;
    if (this.pending && !this.running) {
      clearTimeout(this.timer);
      this.start(this.term, seq);
    }
    await this.running;
    return seq === this.seq ? this.results : null;
  }

  /** Forget the term and its results; an answer still on its way is ignored. */
  clear(): void {
    clearTimeout(this.timer);
    this.seq++;
    this.term = "";
    this.results = [];
    this.running = undefined;
    this.pending = false;
    this.onChange();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.seq++;
  }

  private start(term: string, seq: number): Promise<void> {
    this.running = this.run(term, seq);
    return this.running;
  }

  private async run(term: string, seq: number): Promise<void> {
    let results: XivoContact[] = [];
    try {
      results = await this.search(term);
    } catch (error) {
      if (seq === this.seq) this.onError(error);
    }
    if (seq !== this.seq) return; // a later keystroke owns the list now
    this.results = results;
    this.pending = false;
    this.onChange();
  }
}
