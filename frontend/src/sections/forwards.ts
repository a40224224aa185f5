/** `<xivo-forwards-section>`: do not disturb and the three forwards, each with its destination. */
import { LitElement, html, nothing, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import type { LineContext } from "../context";
import type { SwitchKey } from "../controllers/pending";
import type { Texts } from "../i18n";
import { FORWARDS, type ForwardKind } from "../types";

/** What the section shows, worked out by the card from the entities and the values pending. */
export interface ForwardsView {
  /** Do not disturb as shown; null when the line has no such switch. */
  dnd: boolean | null;
  /** Each forward the line has: on or off as shown, and its destination as shown. */
  forwards: Partial<Record<ForwardKind, { on: boolean; destination: string }>>;
}

export class XivoForwardsSection extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    t: { attribute: false },
    off: { type: Boolean },
    view: { attribute: false },
  };

  declare ctx: LineContext;
  declare t: Texts;
  declare off: boolean;
  declare view: ForwardsView;

  constructor() {
    super();
    this.off = false;
    this.view = { dnd: null, forwards: {} };
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override render(): TemplateResult {
    const { t, off, view } = this;
    const pending = this.ctx.pending;
    return html`<section class="forwards" aria-labelledby="xivo-forwards-title">
      <h3 id="xivo-forwards-title">${t.section_forwards}</h3>
      ${view.dnd === null
        ? nothing
        : this.renderSwitch(t.dnd, "dnd", view.dnd, (input) => pending.setDnd(input.checked))}
      ${FORWARDS.map((kind) => {
        const forward = view.forwards[kind];
        if (!forward) return nothing;
        return html`<div class="forward forward-${kind}">
          ${this.renderSwitch(t[`forward_${kind}`], `forward-${kind}`, forward.on, async (input) => {
            const ok = await pending.toggleForward(kind, input.checked, t.needDestination);
            if (!ok) input.checked = pending.switchOn(`${kind}_forward` as SwitchKey);
          })}
          <input type="text" inputmode="tel" autocomplete="off" class="destination"
            aria-label=${t[`forwardDestination_${kind}`]} placeholder=${t.destinationPlaceholder}
            .value=${live(forward.destination)} ?disabled=${off}
            @input=${(e: InputEvent) => pending.typed(kind, (e.target as HTMLInputElement).value)}
            @change=${() => pending.commitDestination(kind)} />
        </div>`;
      })}
    </section>`;
  }

  private renderSwitch(
    label: string,
    id: string,
    checked: boolean,
    onChange: (input: HTMLInputElement) => unknown,
  ): TemplateResult {
    return html`<label class="toggle">
      <input type="checkbox" role="switch" class="switch-${id}" .checked=${live(checked)}
        ?disabled=${this.off}
        @change=${(e: Event) => onChange(e.target as HTMLInputElement)} />
      <span>${label}</span>
    </label>`;
  }
}
