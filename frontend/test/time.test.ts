import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { formatTime } from "../src/time";
import { ENTITY, FakeHome, mount, text } from "./fixtures";

// ICU puts a narrow no-break space before AM/PM: compare with plain spaces.
const plain = (s: string) => s.replace(/\s/g, " ");

beforeEach(() => {
  sessionStorage.clear();
  vi.useFakeTimers({ now: new Date("2026-12-06T09:30:00Z") });
});
afterEach(() => {
  document.body.innerHTML = "";
  vi.useRealTimers();
});

const start = "2026-12-06T07:06:00+01:00";

describe("times in the user's profile", () => {
  it("shows a time in the server's zone, in 24 or 12 hours as the profile says", () => {
    const home = new FakeHome();
    home.timeZone = "Europe/Paris";
    home.locale = { time_zone: "server", time_format: "24" };
    expect(formatTime(start, home.hass())).toBe("07:06");
    home.locale = { time_zone: "server", time_format: "12" };
    expect(plain(formatTime(start, home.hass()))).toBe("7:06 AM");
    home.timeZone = "America/New_York";
    home.locale = { time_zone: "server", time_format: "24" };
    expect(formatTime(start, home.hass())).toBe("01:06");
  });

  it("uses the browser's zone when the profile says local, and the server's by default", () => {
    const home = new FakeHome();
    home.timeZone = "Asia/Tokyo";
    home.locale = { time_format: "24" };
    expect(formatTime(start, home.hass())).toBe("15:06");
    home.locale = { time_zone: "local", time_format: "24" };
    const local = new Intl.DateTimeFormat("en", { timeStyle: "short", hour12: false }).format(new Date(start));
    expect(formatTime(start, home.hass())).toBe(local);
  });

  it("adds the date for another day of the profile's zone, and follows the language", () => {
    const home = new FakeHome({ language: "fr" });
    home.locale = { time_zone: "server", time_format: "language" };
    expect(formatTime("2026-12-05T23:30:00+01:00", home.hass())).toBe("05/12/2026 23:30");
    // 00:30 in Paris is already the 6th: today, time alone.
    expect(formatTime("2026-12-06T00:30:00+01:00", home.hass())).toBe("00:30");
    expect(formatTime("not a time", home.hass())).toBe("");
  });

  it("formats the recent calls and the last missed call so", async () => {
    const home = new FakeHome({ missed: 1 });
    home.locale = { time_zone: "server", time_format: "12" };
    home.onResponse = async () => ({
      calls: [{ start, duration: 0, direction: "incoming", status: "missed", number: "0612345678", name: null }],
    });
    home.put(ENTITY.missed_calls, "1", { last_caller_name: null, last_missed_at: start });
    const card = await mount(home);
    expect(plain(text(card, ".history-item"))).toContain("Missed · 7:06 AM");
    // A caller without a name is shown by number, not as unknown.
    expect(plain(text(card, ".last-missed"))).toBe("Last missed call from 0612345678, 7:06 AM");
  });
});
