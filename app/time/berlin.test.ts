import { describe, expect, it } from "vitest";
import {
  addDays,
  berlinDate,
  endOfBerlinDay,
  fromBerlinLocal,
  mondayOf,
  toBerlinLocal,
} from "./berlin";

const instant = (date: string, time: string) => {
  const result = fromBerlinLocal(date, time);
  if (!result.ok) throw new Error(`${date} ${time}: ${result.reason}`);
  return result.instant.toISOString();
};

/** How long it is from one wall-clock time of a day to a later one. */
const millisecondsBetween = (date: string, from: string, to: string) =>
  Date.parse(instant(date, to)) - Date.parse(instant(date, from));

describe("Berlin wall-clock time and UTC", () => {
  it("uses UTC+1 in winter and UTC+2 in summer", () => {
    expect(instant("2026-01-15", "10:00")).toBe("2026-01-15T09:00:00.000Z");
    expect(instant("2026-07-15", "10:00")).toBe("2026-07-15T08:00:00.000Z");
  });

  it("handles an event on the last Sunday of March (29 March 2026), the change to summer time", () => {
    expect(instant("2026-03-29", "01:30")).toBe("2026-03-29T00:30:00.000Z");
    expect(fromBerlinLocal("2026-03-29", "02:30")).toEqual({ ok: false, reason: "nonexistent" });
    expect(instant("2026-03-29", "03:00")).toBe("2026-03-29T01:00:00.000Z");
    expect(instant("2026-03-29", "10:00")).toBe("2026-03-29T08:00:00.000Z");
    // A 09:00–12:00 session that day lasts three hours, not four.
    expect(millisecondsBetween("2026-03-29", "09:00", "12:00")).toBe(3 * 60 * 60 * 1000);
  });

  it("handles an event on the last Sunday of October (25 October 2026), the change to winter time", () => {
    expect(instant("2026-10-25", "01:30")).toBe("2026-10-24T23:30:00.000Z");
    // 02:30 happens twice; the first occurrence (summer time) is meant.
    expect(instant("2026-10-25", "02:30")).toBe("2026-10-25T00:30:00.000Z");
    expect(instant("2026-10-25", "03:00")).toBe("2026-10-25T02:00:00.000Z");
    expect(instant("2026-10-25", "10:00")).toBe("2026-10-25T09:00:00.000Z");
    // Midnight to 06:00 that day lasts seven hours.
    expect(millisecondsBetween("2026-10-25", "00:00", "06:00")).toBe(7 * 60 * 60 * 1000);
  });

  it("shows stored instants as Berlin wall-clock time, on both sides of each change", () => {
    for (const [stored, date, time] of [
      ["2026-03-29T00:59:00Z", "2026-03-29", "01:59"],
      ["2026-03-29T01:00:00Z", "2026-03-29", "03:00"],
      ["2026-10-25T00:30:00Z", "2026-10-25", "02:30"],
      ["2026-10-25T01:30:00Z", "2026-10-25", "02:30"],
      ["2026-12-31T23:30:00Z", "2027-01-01", "00:30"],
    ] as const) {
      expect(toBerlinLocal(new Date(stored))).toEqual({ date, time });
    }
  });

  it("round-trips every quarter hour of both change days", () => {
    for (const date of ["2026-03-29", "2026-10-25", "2027-03-28", "2027-10-31"]) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const time = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
        const result = fromBerlinLocal(date, time);
        if (!result.ok) {
          expect(result.reason).toBe("nonexistent");
          expect(date.endsWith("-03-29") || date.endsWith("-03-28")).toBe(true);
          continue;
        }
        expect(toBerlinLocal(result.instant)).toEqual({ date, time });
      }
    }
  });

  it("rejects malformed and impossible input", () => {
    expect(fromBerlinLocal("2026-02-30", "10:00")).toEqual({ ok: false, reason: "invalid" });
    expect(fromBerlinLocal("30.03.2026", "10:00")).toEqual({ ok: false, reason: "invalid" });
    expect(fromBerlinLocal("2026-03-30", "24:00")).toEqual({ ok: false, reason: "invalid" });
    expect(fromBerlinLocal("2026-03-30", "")).toEqual({ ok: false, reason: "invalid" });
  });

  it("computes day ends, Mondays and day offsets in local calendar days", () => {
    expect(endOfBerlinDay("2026-10-25")).toEqual({
      ok: true,
      instant: new Date("2026-10-25T22:59:59.999Z"),
    });
    expect(endOfBerlinDay("2026-03-28")).toEqual({
      ok: true,
      instant: new Date("2026-03-28T22:59:59.999Z"),
    });
    expect(endOfBerlinDay("2026-02-30")).toEqual({ ok: false, reason: "invalid" });
    expect(mondayOf("2026-03-29")).toBe("2026-03-23");
    expect(mondayOf("2026-03-30")).toBe("2026-03-30");
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});

describe("berlinDate", () => {
  it.each([
    // Winter time (CET, UTC+1)
    ["2026-01-15T22:59:59.999Z", "2026-01-15"],
    ["2026-01-15T23:00:00.000Z", "2026-01-16"],
    ["2026-12-31T23:00:00.000Z", "2027-01-01"],
    // Night of the switch to summer time, 29 March 2026
    ["2026-03-28T22:59:59.999Z", "2026-03-28"],
    ["2026-03-28T23:30:00.000Z", "2026-03-29"],
    ["2026-03-29T01:30:00.000Z", "2026-03-29"],
    // Summer time (CEST, UTC+2)
    ["2026-03-29T21:59:59.999Z", "2026-03-29"],
    ["2026-03-29T22:00:00.000Z", "2026-03-30"],
    ["2026-06-30T21:59:59.999Z", "2026-06-30"],
    ["2026-06-30T22:00:00.000Z", "2026-07-01"],
    // Night of the switch back to winter time, 25 October 2026
    ["2026-10-24T21:59:59.999Z", "2026-10-24"],
    ["2026-10-24T22:30:00.000Z", "2026-10-25"],
    ["2026-10-25T00:30:00.000Z", "2026-10-25"],
    ["2026-10-25T01:30:00.000Z", "2026-10-25"],
    ["2026-10-25T22:59:59.999Z", "2026-10-25"],
    ["2026-10-25T23:00:00.000Z", "2026-10-26"],
  ])("%s → %s", (instant, expected) => {
    expect(berlinDate(new Date(instant))).toBe(expected);
  });

  it("rejects an invalid Date", () => {
    expect(() => berlinDate(new Date("kein Datum"))).toThrow(RangeError);
  });
});
