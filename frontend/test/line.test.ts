import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { errorMessage } from "../src/card";
import { format, textsFor } from "../src/i18n";
import {
  elapsedMs,
  findLineEntities,
  formatDuration,
  hintNumber,
  normaliseNumber,
  phoneStatusOf,
  readCalls,
  readContacts,
} from "../src/line";
import { ContactSearch } from "../src/search";
import { DEVICE_ID, ENTITY, FakeHome, hintId } from "./fixtures";

describe("finding a line's entities", () => {
  it("keeps the xivo entities of that device, by translation key", () => {
    const home = new FakeHome({ hints: { "1002": "busy", "1001": "available" } });
    const ids = findLineEntities(home.entities, DEVICE_ID);
    expect(ids.byKey.call_state).toBe(ENTITY.call_state);
    expect(ids.byKey.connected).toBe(ENTITY.connected);
    expect(ids.byKey.reset_missed_calls).toBe(ENTITY.reset_missed_calls);
    expect(ids.hints).toEqual([hintId("1001"), hintId("1002")]);
    expect(Object.values(ids.byKey)).not.toContain("sensor.accueil_2000_call_state");
  });

  it("reads a hint's number from its attribute, else its entity id", () => {
    expect(hintNumber("sensor.x_phone_1001", { entity_id: "", state: "busy", attributes: { number: "*801" } })).toBe("*801");
    expect(hintNumber("sensor.bureau_phone_1001", undefined)).toBe("1001");
  });
});

describe("reading calls", () => {
  it("keeps well-formed calls in order and drops the rest", () => {
    const calls = readCalls({
      entity_id: ENTITY.call_state,
      state: "established",
      attributes: {
        calls: [
          { unique_id: "1.1", state: "on_hold", direction: "incoming", other_number: "1002", other_name: null },
          { unique_id: "1.2", state: "bogus" },
          null,
          { state: "ringing" },
          { unique_id: "1.3", state: "ringing", direction: "sideways", name_source: "pbx", queue: "sales" },
        ],
      },
    });
    expect(calls.map((c) => c.unique_id)).toEqual(["1.1", "1.3"]);
    expect(calls[1].direction).toBeNull();
    expect(calls[1].queue).toBe("sales");
    expect(readCalls(undefined)).toEqual([]);
    expect(readCalls({ entity_id: "x", state: "unavailable", attributes: {} })).toEqual([]);
  });

  it("keeps only contacts that have a number", () => {
    const contacts = readContacts({
      contacts: [
        { name: "A", number: "1", mobile: null, email: null, status: null, favorite: false },
        { name: "B", number: null, mobile: null },
        { name: "", number: null, mobile: "06", favorite: true },
      ],
    });
    expect(contacts.map((c) => [c.name, c.number, c.mobile, c.favorite])).toEqual([
      ["A", "1", null, false],
      ["06", null, "06", true],
    ]);
    expect(readContacts(undefined)).toEqual([]);
  });
});

describe("numbers and times", () => {
  it("normalises typed numbers", () => {
    expect(normaliseNumber(" 01 23 45 67 89 ")).toBe("0123456789");
    expect(normaliseNumber("+33 (0)6-12.34/56")).toBe("+3306123456");
    expect(normaliseNumber("*8001#")).toBe("*8001#");
    expect(normaliseNumber("alice")).toBeNull();
    expect(normaliseNumber("")).toBeNull();
    expect(normaliseNumber("1+2")).toBeNull();
  });

  it("formats durations as m:ss, and h:mm:ss past an hour", () => {
    expect(formatDuration(0)).toBe("0:00");
    expect(formatDuration(5.9)).toBe("0:05");
    expect(formatDuration(65)).toBe("1:05");
    expect(formatDuration(3599)).toBe("59:59");
    expect(formatDuration(3600)).toBe("1:00:00");
    expect(formatDuration(-3)).toBe("0:00");
  });

  it("measures time since an ISO instant", () => {
    const now = Date.parse("2026-12-01T10:00:05+01:00");
    expect(elapsedMs("2026-12-01T10:00:00+01:00", now)).toBe(5000);
    expect(elapsedMs("2026-12-01T09:00:00Z", now)).toBe(5000);
    expect(elapsedMs("not a date", now)).toBe(0);
    expect(elapsedMs(null, now)).toBe(0);
    expect(elapsedMs("2026-12-01T10:00:09+01:00", now)).toBe(0);
  });

  it("maps states to phone statuses", () => {
    expect(phoneStatusOf("busy_and_ringing")).toBe("busy_and_ringing");
    expect(phoneStatusOf("unavailable")).toBe("unavailable");
    expect(phoneStatusOf("whatever")).toBe("unknown");
    expect(phoneStatusOf(undefined)).toBe("unknown");
  });
});

describe("texts", () => {
  it("has every English text in French, with the same placeholders", () => {
    const en = textsFor("en");
    const fr = textsFor("fr-FR");
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(holes(fr[key]), key).toEqual(holes(en[key]));
    }
    expect(format(fr.callName, { name: "Alice" })).toBe("Appeler Alice");
  });

  it("reads error messages", () => {
    expect(errorMessage({ code: "x", message: "Boom" }, "fallback")).toBe("Boom");
    expect(errorMessage(new Error("Bang"), "fallback")).toBe("Bang");
    expect(errorMessage("plain", "fallback")).toBe("plain");
    expect(errorMessage(undefined, "fallback")).toBe("fallback");
  });
});

describe("contact search", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("debounces, skips short terms and ignores stale answers", async () => {
    const answers: Record<string, (v: never[]) => void> = {};
    const asked: string[] = [];
    const search = new ContactSearch(
      (term) => {
        asked.push(term);
        return new Promise((resolve) => (answers[term] = resolve as never));
      },
      () => undefined,
      () => undefined,
    );
    search.input("a");
    expect(search.pending).toBe(false);
    search.input("ab");
    await vi.advanceTimersByTimeAsync(100);
    search.input("abc");
    await vi.advanceTimersByTimeAsync(300);
    expect(asked).toEqual(["abc"]);
    search.input("abcd");
    await vi.advanceTimersByTimeAsync(300);
    expect(asked).toEqual(["abc", "abcd"]);
    answers.abcd([{ name: "new" }] as never);
    await vi.advanceTimersByTimeAsync(0);
    answers.abc([{ name: "old" }] as never);
    await vi.advanceTimersByTimeAsync(0);
    expect(search.results).toEqual([{ name: "new" }]);
    expect(search.pending).toBe(false);
    search.clear();
    expect(search.results).toEqual([]);
  });
});
