/** The bundle's entry: defines the card's elements and lists the card in the card picker. */
import { XivoPhoneCard } from "./card";
import { XivoPhoneCardEditor } from "./editor";
import { textsFor } from "./i18n";
import { XivoPhoneLamp } from "./lamp";
import { XivoPhoneCall } from "./sections/call";
import { XivoDialpadSection } from "./sections/dialpad";
import { XivoForwardsSection } from "./sections/forwards";
import { XivoRecentSection } from "./sections/recent";
import { XivoCallTimer } from "./timer";

function define(name: string, element: CustomElementConstructor): void {
  // The module may be loaded twice (resource plus extra JS URL): define once.
  if (!customElements.get(name)) customElements.define(name, element);
}

define("xivo-call-timer", XivoCallTimer);
define("xivo-phone-lamp", XivoPhoneLamp);
define("xivo-phone-call", XivoPhoneCall);
define("xivo-dialpad-section", XivoDialpadSection);
define("xivo-recent-section", XivoRecentSection);
define("xivo-forwards-section", XivoForwardsSection);
define("xivo-phone-card-editor", XivoPhoneCardEditor);
define("xivo-phone-card", XivoPhoneCard);

/** The card picker's entry. */
export const CARD_INFO = {
  type: "xivo-phone-card",
  name: "XiVO phone",
  description: textsFor("en").cardDescription,
  preview: true,
  documentationURL: "https://github.com/xivo-home-assistant/xivo-home-assistant#the-phone-card",
};

interface CustomCardEntry {
  type: string;
  name: string;
  description?: string;
  preview?: boolean;
  documentationURL?: string;
}
const registry = window as unknown as { customCards?: CustomCardEntry[] };
registry.customCards ??= [];
if (!registry.customCards.some((card) => card.type === CARD_INFO.type)) {
  registry.customCards.push({ ...CARD_INFO });
}

export { XivoCallTimer, XivoPhoneCard, XivoPhoneCardEditor, XivoPhoneLamp };
export { errorMessage } from "./card";
export { formatDuration, normaliseNumber } from "./line";
