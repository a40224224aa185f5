/** The bundle's entry: defines the card's elements and lists the card in the card picker. */
import { CARD_INFO, XivoPhoneCard } from "./card";
import { XivoPhoneCardEditor } from "./editor";
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

export { CARD_INFO, XivoCallTimer, XivoPhoneCard, XivoPhoneCardEditor, XivoPhoneLamp };
export { errorMessage } from "./card";
export { formatDuration, normaliseNumber } from "./line";
