/**
 * `<xivo-queues-section>`: the line's queues — callers waiting, the longest wait (running on
 * from the moment it began), available agents, the callers themselves — in the warning colour
 * past the card's thresholds.
 */
import { LitElement, html, nothing, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { anyWaitRuns, figure, queueWarns, waitText, type QueueView } from "../cc";
import type { Texts } from "../i18n";
import { partyName } from "../line";
import { SecondTicker } from "../ticker";
import type { QueueThresholds } from "../types";

export class XivoQueuesSection extends LitElement {
  static override properties = {
    queues: { attribute: false },
    limits: { attribute: false },
    t: { attribute: false },
  };

  declare queues: QueueView[];
  declare limits: Required<QueueThresholds>;
  declare t: Texts;

  private readonly ticker = new SecondTicker(this);

  constructor() {
    super();
    this.queues = [];
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override render(): TemplateResult {
    const { t, queues } = this;
    const now = Date.now();
    this.ticker.schedule(anyWaitRuns(queues), now);
    return html`<section class="queues" aria-labelledby="xivo-queues-title">
      <h3 id="xivo-queues-title">${t.section_queues}</h3>
      <ul class="queue-list">
        ${repeat(queues, (queue) => queue.id, (queue) => this.renderQueue(t, queue, now))}
      </ul>
    </section>`;
  }

  private renderQueue(t: Texts, queue: QueueView, now: number): TemplateResult {
    const warns = queueWarns(queue, this.limits, now);
    return html`<li class="queue-entry ${warns ? "queue-warning" : ""}" data-queue-id=${queue.id}>
      <div class="queue-head">
        <h4 class="queue-name">${queue.name}</h4>
        ${warns ? html`<span class="chip warning-chip">${t.overThreshold}</span>` : nothing}
      </div>
      <dl class="queue-figures">
        <div class="figure-waiting"><dt>${t.waiting}</dt> <dd>${figure(queue.waiting)}</dd></div>
        <div class="figure-longest"><dt>${t.longestWait}</dt> <dd>${waitText(queue.longestSince, now)}</dd></div>
        <div class="figure-available"><dt>${t.availableAgents}</dt> <dd>${figure(queue.available)}</dd></div>
      </dl>
      ${queue.calls.length
        ? html`<ul class="waiting-callers" aria-label=${`${t.waitingCallers}: ${queue.name}`}>
            ${queue.calls.map(
              (caller) => html`<li class="waiting-caller">
                <span class="caller">${partyName(caller.name, caller.number) ?? t.unknownCaller}</span>
                ${caller.name && caller.number ? html`<span class="number muted">${caller.number}</span>` : nothing}
                <span class="wait" role="timer" aria-label=${t.waitingTime}>${waitText(caller.since, now)}</span>
              </li>`,
            )}
          </ul>`
        : nothing}
    </li>`;
  }
}
