/** What the card's parts share: the line's actions, run by the card, and how errors show. */
import type { PendingValues } from "./controllers/pending";
import type { Texts } from "./i18n";
import type { HomeAssistant, XivoContact } from "./types";

export interface LineContext {
  /** Run a `xivo.*` action on the card's line; an error shows in the card. True when accepted. */
  act(service: string, data?: Record<string, unknown>): Promise<boolean>;
  /** Dial a number (a call back, a picked contact, a typed number). */
  dial(destination: string): Promise<boolean>;
  /** The directory's contacts for a term, through `xivo.search_contacts`. */
  searchContacts(term: string): Promise<XivoContact[]>;
  /** Show what a rejected request gave as the card's error. */
  showError(error: unknown): void;
  /** Show a message of the card's own as its error. */
  say(message: string): void;
  /** Blind (`direct`) or attended transfer of the established call `held` to `destination`. */
  transfer(kind: "direct" | "attended", held: string, destination: string): Promise<boolean>;
  openTransfer(uniqueId: string): void;
  closeTransfer(): void;
  toggleKeypad(uniqueId: string): void;
  resetMissed(): Promise<void>;
  /** Switch and destination values sent and not yet reported back, and what is being typed. */
  readonly pending: PendingValues;
}

/** What every section is handed on each render of the card. */
export interface SectionView {
  hass: HomeAssistant;
  t: Texts;
  /** The link to the server is down: every control is disabled. */
  off: boolean;
}

/** The text of whatever a rejected action or websocket call gave (HA errors carry `message`). */
export function errorMessage(error: unknown, fallback: string): string {
  if (typeof error === "string" && error) return error;
  const message = (error as { message?: unknown } | null | undefined)?.message;
  return typeof message === "string" && message ? message : fallback;
}
