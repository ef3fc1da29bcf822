import { formatEventTime } from "./vocabulary";

describe("formatEventTime", () => {
  it("shows one day with a time range, several days with both dates", () => {
    expect(formatEventTime("2026-03-24T09:00:00Z", "2026-03-24T11:00:00Z")).toBe(
      "Di., 24.03.2026, 10:00–12:00 Uhr",
    );
    expect(formatEventTime("2026-10-24T07:00:00Z", "2026-10-30T15:00:00Z")).toBe(
      "Sa., 24.10.2026, 09:00 Uhr bis Fr., 30.10.2026, 16:00 Uhr",
    );
  });
});
