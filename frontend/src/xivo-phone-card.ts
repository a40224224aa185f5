/** The bundle's entry: defines the card's elements and lists the card in the card picker. */
import { XivoPhoneCard } from "./card";
import { XivoPhoneCardEditor } from "./editor";
import { textsFor } from "./i18n";
import { XivoPhoneLamp } from "./lamp";
import { XivoQueuesCard } from "./queues-card";
import { XivoQueuesCardEditor } from "./queues-editor";
import { XivoAgentSection } from "./sections/agent";
import { XivoPhoneCall } from "./sections/call";
import { XivoDialpadSection } from "./sections/dialpad";
import { XivoForwardsSection } from "./sections/forwards";
import { XivoQueuesSection } from "./sections/queues";
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
define("xivo-agent-section", XivoAgentSection);
define("xivo-queues-section", XivoQueuesSection);
define("xivo-queues-card-editor", XivoQueuesCardEditor);
define("xivo-queues-card", XivoQueuesCard);

/** The card picker's entries. */
export const CARD_INFO = {
  type: "xivo-phone-card",
  name: "XiVO phone",
  description: textsFor("en").cardDescription,
  preview: true,
  documentationURL: "https://github.com/xivo-home-assistant/xivo-home-assistant#the-phone-card",
};
export const QUEUES_CARD_INFO = {
  type: "xivo-queues-card",
  name: textsFor("en").queuesCardName,
  description: textsFor("en").queuesCardDescription,
  preview: true,
  documentationURL: "https://github.com/xivo-home-assistant/xivo-home-assistant#the-queues-wallboard",
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
for (const info of [CARD_INFO, QUEUES_CARD_INFO]) {
  if (!registry.customCards.some((card) => card.type === info.type)) registry.customCards.push({ ...info });
}

export { XivoCallTimer, XivoPhoneCard, XivoPhoneCardEditor, XivoPhoneLamp, XivoQueuesCard, XivoQueuesCardEditor };
export { errorMessage } from "./card";
export { formatDuration, normaliseNumber } from "./line";
