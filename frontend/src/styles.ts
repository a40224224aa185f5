import { css } from "lit";

export const cardStyles = css`
  :host {
    display: block;
    --xivo-ok: var(--success-color, #43a047);
    --xivo-busy: var(--error-color, #db4437);
    --xivo-ringing: var(--warning-color, #ffa600);
    --xivo-held: var(--state-on_hold-color, var(--info-color, #039be5));
    --xivo-off: var(--state-unavailable-color, var(--disabled-color, #9e9e9e));
    --xivo-radius: var(--ha-card-border-radius, 12px);
    --xivo-control-radius: 8px;
  }
  ha-card {
    display: block;
    overflow: hidden;
    color: var(--primary-text-color);
    background: var(--ha-card-background, var(--card-background-color, #fff));
    border-radius: var(--xivo-radius);
  }
  .card {
    padding: 12px 16px 16px;
    display: flex;
    flex-direction: column;
    gap: 12px;
    min-width: 0;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 12px;
  }
  .line {
    flex: 1 1 160px;
    min-width: 0;
  }
  .line-name {
    margin: 0;
    font-size: 1.2em;
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  .line-number,
  .muted {
    color: var(--secondary-text-color);
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 2px 10px;
    border-radius: 999px;
    border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.3));
    font-size: 0.9em;
    white-space: nowrap;
  }
  .dot,
  .lamp-light {
    width: 10px;
    height: 10px;
    border-radius: 50%;
    flex: none;
    background: var(--xivo-lamp, var(--xivo-off));
  }
  /* A status class sets the colour of the dot it holds, or of itself. */
  .status-available,
  .link-up {
    --xivo-lamp: var(--xivo-ok);
  }
  .status-ringing,
  .status-busy_and_ringing {
    --xivo-lamp: var(--xivo-ringing);
  }
  .status-calling,
  .status-busy,
  .link-down,
  .dnd-on {
    --xivo-lamp: var(--xivo-busy);
  }
  .status-on_hold {
    --xivo-lamp: var(--xivo-held);
  }
  .status-unreachable,
  .status-deactivated,
  .status-unexisting,
  .status-error,
  .status-unknown,
  .status-unavailable {
    --xivo-lamp: var(--xivo-off);
  }
  .banner {
    display: flex;
    align-items: flex-start;
    gap: 8px;
    padding: 8px 12px;
    border-radius: var(--xivo-control-radius);
    border-left: 4px solid var(--error-color, #db4437);
    background: color-mix(in srgb, var(--error-color, #db4437) 12%, transparent);
  }
  .banner.warning {
    border-left-color: var(--warning-color, #ffa600);
    background: color-mix(in srgb, var(--warning-color, #ffa600) 12%, transparent);
  }
  .banner .message {
    flex: 1;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  section {
    border-top: 1px solid var(--divider-color, rgba(127, 127, 127, 0.3));
    padding-top: 10px;
  }
  h3 {
    margin: 0 0 8px;
    font-size: 1em;
    font-weight: 500;
    color: var(--secondary-text-color);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  button {
    font: inherit;
    color: var(--primary-text-color);
    background: transparent;
    border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.3));
    border-radius: var(--xivo-control-radius);
    padding: 6px 12px;
    min-height: 36px;
    cursor: pointer;
  }
  button:hover:not(:disabled) {
    background: color-mix(in srgb, var(--primary-color, #03a9f4) 10%, transparent);
  }
  button:disabled,
  input:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  button:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--primary-color, #03a9f4);
    outline-offset: 2px;
  }
  button.primary {
    background: var(--primary-color, #03a9f4);
    border-color: var(--primary-color, #03a9f4);
    color: var(--text-primary-color, #fff);
  }
  button.answer {
    background: var(--xivo-ok);
    border-color: var(--xivo-ok);
    color: var(--text-primary-color, #fff);
  }
  button.hangup {
    background: var(--xivo-busy);
    border-color: var(--xivo-busy);
    color: var(--text-primary-color, #fff);
  }
  button.icon {
    padding: 4px 8px;
    min-width: 36px;
    display: inline-flex;
    align-items: center;
    justify-content: center;
  }
  input[type="text"],
  input[type="tel"] {
    font: inherit;
    color: var(--primary-text-color);
    /* The card's own background and a visible outline: Home Assistant's input fill is the grey
       its disabled fields have, and made enabled fields look disabled. */
    background: var(--card-background-color, transparent);
    border: 1px solid var(--secondary-text-color, rgba(127, 127, 127, 0.6));
    border-radius: var(--xivo-control-radius);
    padding: 6px 10px;
    min-height: 36px;
    box-sizing: border-box;
    min-width: 0;
  }
  input::placeholder {
    color: var(--secondary-text-color);
    opacity: 0.8;
  }
  label {
    color: var(--secondary-text-color);
    font-size: 0.9em;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
  }
  /* Calls */
  .call {
    display: flex;
    flex-direction: column;
    gap: 6px;
    padding: 8px 0;
  }
  .call + .call {
    border-top: 1px dashed var(--divider-color, rgba(127, 127, 127, 0.3));
  }
  .call-head {
    display: flex;
    align-items: baseline;
    gap: 8px;
  }
  .party {
    flex: 1;
    min-width: 0;
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  .timer {
    font-variant-numeric: tabular-nums;
    font-size: 1.1em;
  }
  .call-meta {
    display: flex;
    flex-wrap: wrap;
    gap: 2px 10px;
    font-size: 0.9em;
    color: var(--secondary-text-color);
  }
  .call-state-ringing .state {
    color: var(--xivo-ringing);
    font-weight: 500;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .panel {
    display: flex;
    flex-direction: column;
    gap: 6px;
    padding: 8px;
    border-radius: var(--xivo-control-radius);
    background: color-mix(in srgb, var(--primary-text-color, #000) 4%, transparent);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  .field-row {
    display: flex;
    gap: 6px;
  }
  .field-row input {
    flex: 1;
  }
  /* Keypads */
  .keypad {
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 1fr));
    gap: 6px;
    max-width: 280px;
  }
  .keypad button {
    font-size: 1.15em;
    font-variant-numeric: tabular-nums;
  }
  .dialpad {
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .dial-keys {
    width: 100%;
    margin-inline: auto;
  }
  .contacts li + li {
    margin-top: 4px;
  }
  .contact {
    display: flex;
    align-items: center;
    gap: 8px;
    width: 100%;
    text-align: start;
  }
  .contact .name {
    flex: 1;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  /* Colleagues */
  .lamps {
    display: grid;
    /* Wide enough for a first and last name ("Alice Martin") beside the light. */
    grid-template-columns: repeat(auto-fill, minmax(128px, 1fr));
    gap: 6px;
  }
  xivo-phone-lamp {
    display: contents;
  }
  .lamp {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: center;
    column-gap: 6px;
    text-align: start;
    padding: 6px 8px;
    min-width: 0;
  }
  .lamp-light {
    grid-row: span 2;
    width: 14px;
    height: 14px;
  }
  .lamp-name,
  .lamp-status {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .lamp-status {
    font-size: 0.8em;
    color: var(--secondary-text-color);
  }
  .status-ringing .lamp-light,
  .status-busy_and_ringing .lamp-light {
    animation: xivo-blink 1s steps(2, start) infinite;
  }
  @keyframes xivo-blink {
    to {
      opacity: 0.25;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .status-ringing .lamp-light,
    .status-busy_and_ringing .lamp-light {
      animation: none;
    }
  }
  /* Recent calls */
  .recent-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 12px;
    margin-bottom: 6px;
  }
  .history-item {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 4px 0;
  }
  .history-item .who {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
  }
  .history-item .who > span:first-child {
    overflow-wrap: anywhere;
  }
  .history-item.missed .who > span:first-child,
  .tag-missed {
    color: var(--error-color, #db4437);
  }
  .tag-missed {
    font-weight: 500;
  }
  /* Forwards */
  .toggle {
    display: flex;
    align-items: center;
    gap: 8px;
    color: var(--primary-text-color);
    font-size: 1em;
    min-height: 36px;
  }
  .toggle input {
    width: 20px;
    height: 20px;
    accent-color: var(--primary-color, #03a9f4);
    margin: 0;
  }
  .forward {
    display: flex;
    margin-top: 6px;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 12px;
  }
  .forward .toggle {
    flex: 1 1 180px;
  }
  .forward input[type="text"] {
    flex: 1 1 120px;
    max-width: 100%;
  }
`;
