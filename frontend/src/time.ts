/** Times as the user's profile asks: its time zone (the server's or the browser's) and 12/24 h. */
import type { HomeAssistant } from "./types";

// Made once per profile: building a date format costs more than using it, and the recent calls'
// times are formatted on every render.
const FORMATS = new Map<string, Intl.DateTimeFormat>();

/** The IANA zone to show times in: the server's when the profile says so (or says nothing), else the browser's. */
export function timeZoneOf(hass: HomeAssistant | undefined): string | undefined {
  const choice = hass?.locale?.time_zone ?? "server";
  return choice === "server" ? hass?.config?.time_zone || undefined : undefined;
}

/** True for a 12-hour clock, false for 24 hours, undefined to let the language decide. */
export function hour12Of(hass: HomeAssistant | undefined): boolean | undefined {
  switch (hass?.locale?.time_format) {
    case "12":
      return true;
    case "24":
      return false;
    case "system": {
      // What the browser's own settings use, as Home Assistant reads them.
      const cycle = new Intl.DateTimeFormat(undefined, { hour: "numeric" }).resolvedOptions().hourCycle;
      return cycle === "h11" || cycle === "h12";
    }
    default:
      return undefined; // `language`: the language's own clock
  }
}

function formatFor(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = FORMATS.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(language, options);
    } catch {
      // A language tag or zone this browser does not know: its defaults, still in that zone if it can.
      format = new Intl.DateTimeFormat(undefined, { ...options, timeZone: undefined });
    }
    FORMATS.set(key, format);
  }
  return format;
}

/** The calendar day of `date` in `timeZone`, to tell "today" from earlier days. */
function dayOf(date: Date, timeZone: string | undefined): string {
  return formatFor("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
}

/**
 * An ISO time as the user reads it: the time alone when it is today in the profile's zone, else
 * the date and the time. Empty for a time that does not parse.
 */
export function formatTime(iso: string | null | undefined, hass: HomeAssistant | undefined, now = new Date()): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const language = hass?.locale?.language || hass?.language || "en";
  const timeZone = timeZoneOf(hass);
  const hour12 = hour12Of(hass);
  const sameDay = dayOf(date, timeZone) === dayOf(now, timeZone);
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { timeStyle: "short", timeZone, hour12 }
    : { dateStyle: "short", timeStyle: "short", timeZone, hour12 };
  return formatFor(language, options).format(date);
}
