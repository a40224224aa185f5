/** `<xivo-call-timer>`: the time since a call was answered, ticking on whole seconds. */
import { LitElement, html } from "lit";
import { elapsedMs, formatDuration } from "./line";

export class XivoCallTimer extends LitElement {
  static override properties = {
    since: {},
    label: {},
  };

  /** ISO 8601 time the call was answered. */
  declare since: string | null;
  /** Accessible name, e.g. "Call duration". */
  declare label: string;

  private tick: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.since = null;
    this.label = "";
  }

  // Light DOM: the card's styles apply and tests query it like the rest of the card.
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.tick);
    this.tick = undefined;
  }

  protected override render() {
    const elapsed = elapsedMs(this.since, Date.now());
    this.schedule(elapsed);
    return html`<span role="timer" class="timer" aria-label=${this.label}
      >${formatDuration(elapsed / 1000)}</span
    >`;
  }

  /** Wake at the next whole second of the call, while the element is on the page. */
  private schedule(elapsed: number): void {
    clearTimeout(this.tick);
    if (!this.isConnected || !this.since) return;
    this.tick = setTimeout(() => this.requestUpdate(), 1000 - (elapsed % 1000));
  }
}
