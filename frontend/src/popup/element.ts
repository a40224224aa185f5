import { popupTexts } from "./texts";
import type { PopupHass, RingingCall } from "./types";

// Home Assistant's theme variables, with its defaults where a theme leaves one out.
const STYLE = `
:host { position: fixed; top: 8px; right: 8px; z-index: 1000; display: flex; flex-direction: column;
  gap: 8px; width: min(360px, calc(100vw - 16px)); font-family: var(--ha-font-family-body, Roboto, sans-serif); }
section { background: var(--ha-card-background, var(--card-background-color, #fff));
  color: var(--primary-text-color, #212121); border-radius: var(--ha-card-border-radius, 12px);
  box-shadow: var(--ha-card-box-shadow, 0 4px 16px rgba(0, 0, 0, 0.25));
  border: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12)); padding: 12px 16px; outline: none; }
section:focus-visible { outline: 2px solid var(--primary-color, #03a9f4); outline-offset: 2px; }
header { display: flex; align-items: center; gap: 8px; }
h2 { flex: 1; margin: 0; font-size: 0.875rem; font-weight: 500; color: var(--secondary-text-color, #727272); }
.who { margin: 4px 0 0; font-size: 1.25rem; font-weight: 500; overflow-wrap: anywhere; }
.more { margin: 2px 0 12px; color: var(--secondary-text-color, #727272); overflow-wrap: anywhere; }
.actions { display: flex; gap: 8px; }
button { font: inherit; font-weight: 500; border: none; border-radius: 18px; min-height: 40px; cursor: pointer; }
.actions button { flex: 1; color: var(--text-primary-color, #fff); }
.answer { background: var(--success-color, #43a047); }
.decline { background: var(--error-color, #db4437); }
.dismiss { background: none; color: var(--secondary-text-color, #727272); min-height: 32px; min-width: 32px;
  font-size: 1.25rem; line-height: 1; padding: 0; }
button[aria-disabled="true"] { opacity: 0.6; cursor: default; }
button:focus-visible { outline: 2px solid var(--primary-color, #03a9f4); outline-offset: 2px; }
`;

/** The element focused now, inside shadow roots too. */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/**
 * The incoming-call popup: one `alertdialog` per ringing call, stacked in a corner of the page.
 * `calls` is the feed's latest list: a call missing from it closes its dialog.
 */
export class XivoCallPopup extends HTMLElement {
  hass?: PopupHass;
  private _calls: RingingCall[] = [];
  /** Calls hidden with Escape or the dismiss button; they ring on, without a dialog. */
  private readonly dismissed = new Set<string>();
  private readonly dialogs = new Map<string, HTMLElement>();
  /** Where focus was before the first dialog took it; given back when the last one goes. */
  private returnFocus: HTMLElement | null = null;
  private readonly root: ShadowRoot;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = STYLE;
    this.root.append(style);
  }

  get calls(): RingingCall[] {
    return this._calls;
  }

  set calls(calls: RingingCall[]) {
    this._calls = calls;
    const ringing = new Set(calls.map((call) => call.unique_id));
    for (const id of this.dismissed) if (!ringing.has(id)) this.dismissed.delete(id);
    this.render();
  }

  private render(): void {
    const shown = this._calls.filter((call) => !this.dismissed.has(call.unique_id));
    const wanted = new Set(shown.map((call) => call.unique_id));
    // Focus in a dialog, or lost with it (a removed element leaves it on the body).
    const active = document.activeElement;
    const focusWasInside = this.root.activeElement !== null || active === null || active === document.body;
    for (const [id, dialog] of this.dialogs) {
      if (!wanted.has(id)) {
        dialog.remove();
        this.dialogs.delete(id);
      }
    }
    let added: HTMLElement | null = null;
    for (const call of shown) {
      const dialog = this.dialogs.get(call.unique_id);
      if (dialog) {
        this.fill(dialog, call);
      } else {
        added = this.dialogFor(call);
        this.dialogs.set(call.unique_id, added);
        this.root.append(added);
      }
    }
    if (added) {
      // A new call takes the focus, so that a screen reader reads it and a keyboard reaches it.
      if (this.returnFocus === null) this.returnFocus = deepActiveElement();
      added.focus();
    } else if (focusWasInside && this.root.activeElement === null) {
      // The focused dialog closed: the next one, or back where the user was.
      const next = [...this.dialogs.values()].at(-1);
      if (next) next.focus();
      else this.returnFocus?.focus();
    }
    if (this.dialogs.size === 0) this.returnFocus = null;
  }

  private dialogFor(call: RingingCall): HTMLElement {
    const texts = popupTexts(this.hass?.language);
    const id = `c${this.dialogs.size}-${Math.random().toString(36).slice(2, 8)}`;
    const dialog = document.createElement("section");
    dialog.setAttribute("role", "alertdialog");
    dialog.setAttribute("aria-labelledby", `${id}-title ${id}-who`);
    dialog.setAttribute("aria-describedby", `${id}-more`);
    dialog.setAttribute("lang", texts.lang);
    dialog.tabIndex = -1;
    dialog.dataset.uniqueId = call.unique_id;
    dialog.innerHTML =
      `<header><h2 id="${id}-title"></h2><button class="dismiss" type="button">×</button></header>` +
      `<p class="who" id="${id}-who"></p><p class="more" id="${id}-more"></p>` +
      `<div class="actions"><button class="answer" type="button"></button>` +
      `<button class="decline" type="button"></button></div>`;
    const [dismiss, answer, decline] = dialog.querySelectorAll("button");
    dialog.querySelector("h2")!.textContent = texts.title;
    dismiss.setAttribute("aria-label", texts.dismiss);
    dismiss.title = texts.dismiss;
    answer.textContent = texts.answer;
    decline.textContent = texts.decline;
    dismiss.addEventListener("click", () => this.dismiss(call.unique_id));
    answer.addEventListener("click", () => this.act(dialog, "answer"));
    decline.addEventListener("click", () => this.act(dialog, "hangup"));
    dialog.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      // Hidden, not hung up; and Home Assistant's own dialogs behind are left alone.
      event.stopPropagation();
      event.preventDefault();
      this.dismiss(call.unique_id);
    });
    this.fill(dialog, call);
    return dialog;
  }

  /** The caller's name and number, and the line (a name can come after the first ring). */
  private fill(dialog: HTMLElement, call: RingingCall): void {
    const texts = popupTexts(this.hass?.language);
    const name = call.other_name || call.other_number || texts.unknownCaller;
    const number = call.other_name && call.other_number ? `${call.other_number} · ` : "";
    dialog.querySelector(".who")!.textContent = name;
    dialog.querySelector(".more")!.textContent = `${number}${texts.onLine(call.line)}`;
    (dialog as HTMLElement & { call?: RingingCall }).call = call;
  }

  private dismiss(uniqueId: string): void {
    this.dismissed.add(uniqueId);
    this.render();
  }

  /** Answer or hang up that call, by its `unique_id`, on its line; the feed then closes it. */
  private async act(dialog: HTMLElement, service: "answer" | "hangup"): Promise<void> {
    const call = (dialog as HTMLElement & { call?: RingingCall }).call;
    const buttons = dialog.querySelectorAll<HTMLButtonElement>(".actions button");
    if (!call || !this.hass || buttons[0].getAttribute("aria-disabled") === "true") return;
    // Not `disabled`: that would drop the keyboard focus out of the dialog.
    buttons.forEach((button) => button.setAttribute("aria-disabled", "true"));
    try {
      // Home Assistant shows a refusal (translated) as a notification of its own.
      await this.hass.callService("xivo", service, { device_id: call.device_id, unique_id: call.unique_id });
    } catch {
      // Already shown; the buttons come back for another try.
    } finally {
      buttons.forEach((button) => button.removeAttribute("aria-disabled"));
    }
  }
}
