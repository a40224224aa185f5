import { css } from "lit";

/** The phone card's agent and queues sections. */
export const ccStyles = css`
  .agent-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 12px;
    margin-bottom: 8px;
  }
  .agent-ready {
    --xivo-lamp: var(--xivo-ok);
  }
  .agent-paused,
  .agent-wrap_up {
    --xivo-lamp: var(--xivo-held);
  }
  .agent-ringing {
    --xivo-lamp: var(--xivo-ringing);
  }
  .agent-on_call,
  .agent-dialing {
    --xivo-lamp: var(--xivo-busy);
  }
  .pause-menu {
    margin-top: 6px;
    align-items: stretch;
    max-width: 280px;
  }
  .pause-menu button {
    text-align: start;
  }
  .queue-list > li + li {
    margin-top: 8px;
  }
  /* Not ".queue": a call names its queue in a span of that class. */
  .queue-entry {
    padding: 8px 10px;
    border-radius: var(--xivo-control-radius);
    border-left: 4px solid var(--xivo-ok);
    background: color-mix(in srgb, var(--primary-text-color, #000) 3%, transparent);
  }
  .queue-warning {
    border-left-color: var(--xivo-busy);
    background: color-mix(in srgb, var(--xivo-busy) 12%, transparent);
  }
  .queue-head {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .queue-name {
    margin: 0;
    flex: 1;
    font-size: 1em;
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  .warning-chip {
    color: var(--xivo-busy);
    border-color: var(--xivo-busy);
    font-weight: 500;
  }
  .queue-figures {
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 1fr));
    gap: 6px;
    margin: 6px 0 0;
  }
  .queue-figures dt {
    font-size: 0.8em;
    color: var(--secondary-text-color);
  }
  .queue-figures dd {
    margin: 0;
    font-size: 1.3em;
    font-variant-numeric: tabular-nums;
  }
  .queue-warning .figure-waiting dd,
  .queue-warning .figure-longest dd {
    color: var(--xivo-busy);
    font-weight: 500;
  }
  .waiting-callers {
    margin-top: 6px;
  }
  .waiting-caller {
    display: flex;
    align-items: baseline;
    gap: 8px;
    padding: 2px 0;
    font-size: 0.9em;
  }
  .waiting-caller .caller {
    flex: 1;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .waiting-caller .wait {
    font-variant-numeric: tabular-nums;
  }
`;

/** The wallboard: figures large enough to read across a room, in the theme's colours. */
export const wallboardStyles = css`
  :host {
    display: block;
    --xivo-ok: var(--success-color, #43a047);
    --xivo-busy: var(--error-color, #db4437);
    --xivo-radius: var(--ha-card-border-radius, 12px);
  }
  ha-card {
    display: block;
    height: 100%;
    color: var(--primary-text-color);
    background: var(--ha-card-background, var(--card-background-color, #fff));
    border-radius: var(--xivo-radius);
    overflow: hidden;
  }
  .board {
    padding: 16px;
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 340px), 1fr));
    gap: 16px;
  }
  .banner {
    grid-column: 1 / -1;
    padding: 8px 12px;
    border-radius: 8px;
    border-left: 4px solid var(--xivo-busy);
    background: color-mix(in srgb, var(--xivo-busy) 12%, transparent);
    font-size: 1.2em;
  }
  .queue {
    border-radius: 10px;
    border-top: 8px solid var(--xivo-ok);
    background: color-mix(in srgb, var(--primary-text-color, #000) 4%, transparent);
    padding: 12px 16px 16px;
  }
  .queue-warning {
    border-top-color: var(--xivo-busy);
    background: color-mix(in srgb, var(--xivo-busy) 14%, transparent);
  }
  .queue-head {
    display: flex;
    align-items: center;
    gap: 12px;
    margin-bottom: 8px;
  }
  h2 {
    margin: 0;
    flex: 1;
    font-size: 2em;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .warning-chip {
    padding: 2px 12px;
    border-radius: 999px;
    background: var(--xivo-busy);
    color: var(--text-primary-color, #fff);
    font-size: 1.1em;
    font-weight: 600;
    white-space: nowrap;
  }
  dl {
    display: grid;
    grid-template-columns: repeat(4, minmax(0, 1fr));
    gap: 12px 16px;
    margin: 0;
  }
  .main {
    grid-column: span 2;
  }
  dt {
    font-size: 1.1em;
    color: var(--secondary-text-color);
  }
  dd {
    margin: 0;
    font-size: 2.2em;
    font-weight: 600;
    line-height: 1.1;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .main dd {
    font-size: 4em;
  }
  .queue-warning .main dd {
    color: var(--xivo-busy);
  }
  .empty {
    grid-column: 1 / -1;
    color: var(--secondary-text-color);
    font-size: 1.2em;
  }
`;
