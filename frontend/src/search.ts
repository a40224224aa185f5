/** Contact search as you type: debounced, and only the latest term's answer is shown. */
import type { XivoContact } from "./types";

export const SEARCH_DELAY_MS = 300;
export const SEARCH_MIN_LENGTH = 2;

export class ContactSearch {
  /** The contacts found for `term` (empty until they arrive). */
  results: XivoContact[] = [];
  /** The term the results are for, or are awaited for. */
  term = "";
  /** True from the keystroke until the answer for the latest term arrives. */
  pending = false;

  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly search: (term: string) => Promise<XivoContact[]>,
    private readonly onChange: () => void,
    private readonly onError: (error: unknown) => void,
    private readonly delay = SEARCH_DELAY_MS,
  ) {}

  /** A new text in the field: search it after the delay, dropping any earlier request. */
  input(value: string): void {
    const term = value.trim();
    if (term === this.term && (this.pending || this.results.length)) return;
    clearTimeout(this.timer);
    const seq = ++this.seq;
    this.term = term;
    this.results = [];
    this.pending = term.length >= SEARCH_MIN_LENGTH;
    this.onChange();
    if (!this.pending) return;
    this.timer = setTimeout(() => void this.run(term, seq), this.delay);
  }

  /** Forget the term and its results; an answer still on its way is ignored. */
  clear(): void {
    clearTimeout(this.timer);
    this.seq++;
    this.term = "";
    this.results = [];
    this.pending = false;
    this.onChange();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.seq++;
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
