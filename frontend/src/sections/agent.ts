/**
 * `<xivo-agent-section>`: the user's contact-centre agent — its state and the time in it, log in
 * and out, ready and pause (with a reason from the server's list).
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { reasonLabel, type AgentStateValue, type AgentView } from "../cc";
import type { AgentController } from "../controllers/agent";
import { format, type Texts } from "../i18n";

export class XivoAgentSection extends LitElement {
  static override properties = {
    agent: { attribute: false },
    controller: { attribute: false },
    t: { attribute: false },
    off: { type: Boolean },
    _menuOpen: { state: true },
  };

  /** The agent as the server last confirmed it. */
  declare agent: AgentView;
  declare controller: AgentController;
  declare t: Texts;
  declare off: boolean;
  declare _menuOpen: boolean;

  constructor() {
    super();
    this.off = false;
    this._menuOpen = false;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(): void {
    // The menu is for pausing: it goes once the agent cannot pause (or the link drops).
    if (this._menuOpen && (this.off || !canPause(this.shownState()))) this._menuOpen = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has("_menuOpen") && this._menuOpen) this.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }

  /** The state shown: the one asked for while the server answers, else the confirmed one. */
  private shownState(): AgentStateValue | null {
    return this.controller.pending?.state ?? this.agent.state;
  }

  protected override render(): TemplateResult {
    const { t, agent, off } = this;
    const pending = this.controller.pending;
    const state = this.shownState();
    const reason = pending ? pending.reason : agent.pauseReason;
    const label = state ? t[`agent_${state}`] : t.agent_unknown;
    const words = state === "paused" && reason ? format(t.pausedFor, { reason: reasonLabel(agent, reason)! }) : label;
    return html`<section class="agent" aria-labelledby="xivo-agent-title" aria-busy=${pending ? "true" : "false"}>
      <h3 id="xivo-agent-title">${t.section_agent}</h3>
      <div class="agent-head">
        <span class="chip agent-state agent-${state ?? "unknown"}">
          <span class="dot" aria-hidden="true"></span>
          <span><span class="visually-hidden">${t.agentState}: </span>${words}</span>
        </span>
        ${!pending && agent.since && state
          ? html`<xivo-call-timer .since=${agent.since} .label=${t.timeInState}></xivo-call-timer>`
          : nothing}
        ${pending ? html`<span class="muted agent-pending" role="status">${t.sending}</span>` : nothing}
      </div>
      ${state ? this.renderActions(t, state, off) : nothing}
    </section>`;
  }

  private renderActions(t: Texts, state: AgentStateValue, off: boolean): TemplateResult {
    const controller = this.controller;
    if (state === "logged_out") {
      return html`<div class="actions">
        <button type="button" class="primary" ?disabled=${off} @click=${() => controller.logIn()}>${t.logIn}</button>
      </div>`;
    }
    const reasons = this.agent.pauseReasons;
    return html`<div class="agent-controls" @keydown=${this.onKey}><div class="actions agent-actions">
        ${state === "paused"
          ? html`<button type="button" class="primary" ?disabled=${off} @click=${() => controller.ready()}>${t.ready}</button>`
          : nothing}
        ${canPause(state)
          ? reasons.length
            ? html`<button type="button" class="pause" aria-haspopup="menu" aria-expanded=${this._menuOpen ? "true" : "false"}
                aria-controls="xivo-pause-menu" ?disabled=${off} @click=${() => (this._menuOpen = !this._menuOpen)}>${t.pause}</button>`
            : html`<button type="button" class="pause" ?disabled=${off} @click=${() => controller.pause(null)}>${t.pause}</button>`
          : nothing}
        <button type="button" ?disabled=${off} @click=${() => controller.logOut()}>${t.logOut}</button>
      </div>
      ${this._menuOpen
        ? html`<div id="xivo-pause-menu" class="panel pause-menu" role="menu" aria-label=${t.pauseReasons}>
            ${reasons.map(
              (item) => html`<button type="button" role="menuitem" tabindex="-1" data-reason=${item.name}
                @click=${() => this.pauseFor(item.name)}>${item.label}</button>`,
            )}
          </div>`
        : nothing}</div>`;
  }

  private async pauseFor(reason: string): Promise<void> {
    this._menuOpen = false;
    void this.controller.pause(reason);
    // The menu and its Pause button go (Ready takes its place): keep the focus in the section.
    await this.updateComplete;
    this.querySelector<HTMLElement>(".agent-actions button")?.focus();
  }

  /** The menu's keys: arrows move between reasons, Escape closes it. */
  private readonly onKey = (event: KeyboardEvent): void => {
    if (!this._menuOpen) return;
    const items = [...this.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    // Inside the card's shadow root, the focused element is the root's, not the document's.
    const root = this.getRootNode() as Document | ShadowRoot;
    const at = items.indexOf(root.activeElement as HTMLElement);
    if (event.key === "Escape") {
      this._menuOpen = false;
      this.querySelector<HTMLElement>("button.pause")?.focus();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const step = event.key === "ArrowDown" ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    } else return;
    event.preventDefault();
  };
}

/** A logged-in agent that is not already paused can pause. */
function canPause(state: AgentStateValue | null): boolean {
  return state !== null && state !== "logged_out" && state !== "paused";
}
