/** The popup's texts, in English and French; `hass.language` picks one. */
export interface PopupTexts {
  lang: string;
  title: string;
  answer: string;
  decline: string;
  dismiss: string;
  unknownCaller: string;
  /** "On James Bond's line"-style context: which line rings. */
  onLine: (line: string) => string;
}

const en: PopupTexts = {
  lang: "en",
  title: "Incoming call",
  answer: "Answer",
  decline: "Decline",
  dismiss: "Dismiss",
  unknownCaller: "Unknown caller",
  onLine: (line) => `On the line of ${line}`,
};

const fr: PopupTexts = {
  lang: "fr",
  title: "Appel entrant",
  answer: "Répondre",
  decline: "Refuser",
  dismiss: "Masquer",
  unknownCaller: "Appelant inconnu",
  onLine: (line) => `Sur la ligne de ${line}`,
};

/** The texts for a language tag such as `fr`, `fr-FR` or `en-GB`; English otherwise. */
export function popupTexts(language: string | undefined): PopupTexts {
  return (language ?? "").toLowerCase().split(/[-_]/)[0] === "fr" ? fr : en;
}
