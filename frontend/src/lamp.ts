/** `<xivo-phone-lamp>`: one colleague's busy lamp; re-renders only when its own values change. */
import { LitElement, html } from "lit";

export interface LampTapDetail {
  number: string;
}

export class XivoPhoneLamp extends LitElement {
  static override properties = {
    number: {},
    name: {},
    status: {},
    statusText: { attribute: false },
    label: {},
    disabled: { type: Boolean },
  };

  declare number: string;
  /** Shown name: the user's name for the hint entity, else the number. */
  declare name: string;
  /** A phone status (`available`, `busy`, ...), `unknown` or `unavailable`. */
  declare status: string;
  declare statusText: string;
  /** Accessible name: "Call <name>" or "Transfer to <name>". */
  declare label: string;
  declare disabled: boolean;

  constructor() {
    super();
    this.number = "";
    this.name = "";
    this.status = "unknown";
    this.statusText = "";
    this.label = "";
    this.disabled = false;
  }

  // Light DOM: styled by the card's shadow root; one button per lamp, nothing else.
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override render() {
    return html`<button
      type="button"
      class="lamp status-${this.status}"
      data-number=${this.number}
      aria-label=${this.label}
      title=${`${this.label} (${this.statusText})`}
      ?disabled=${this.disabled}
      @click=${this.tap}
    >
      <span class="lamp-light" aria-hidden="true"></span>
      <span class="lamp-name">${this.name}</span>
      <span class="lamp-status">${this.statusText}</span>
    </button>`;
  }

  private tap(): void {
    this.dispatchEvent(
      new CustomEvent<LampTapDetail>("xivo-lamp-tap", {
        detail: { number: this.number },
        bubbles: true,
      }),
    );
  }
}
