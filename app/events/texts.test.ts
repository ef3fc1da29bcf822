import { calendarTexts, icsTexts } from "./calendar-texts";
import { eventFormTexts, eventPageTexts } from "./texts";

// The wording comes from Intl plural rules; these pin what a person reads.
describe("event texts with counts", () => {
  it.each([
    [1, "Es ist bereits 1 Platz fest vergeben. Die Platzzahl kann nicht darunter sinken."],
    [4, "Es sind bereits 4 Plätze fest vergeben. Die Platzzahl kann nicht darunter sinken."],
  ])("capacityBelowConfirmed(%i)", (confirmed, expected) => {
    expect(eventFormTexts.capacityBelowConfirmed(confirmed)).toBe(expected);
  });

  it.each([
    [1, "Pflegehilfskraft – 1 Stelle"],
    [10000, "Pflegehilfskraft – 10000 Stellen"],
  ])("job(…, %i) on the page and in the calendar file", (positions, expected) => {
    expect(eventPageTexts.job("Pflegehilfskraft", positions)).toBe(expected);
    expect(icsTexts.job("Pflegehilfskraft", positions)).toBe(expected);
  });

  it.each([
    [1, 1, "1 von 1 Platz belegt"],
    [0, 25, "0 von 25 Plätzen belegt"],
  ])("seats(%i, %i) on the event page", (confirmed, capacity, expected) => {
    expect(eventPageTexts.seats(confirmed, capacity)).toBe(expected);
  });

  it.each([
    [1, 1, "1 von 1 Platz frei"],
    [25, 25, "25 von 25 Plätzen frei"],
    [0, 25, "ausgebucht"],
  ])("seats(%i, %i) in the calendar", (free, capacity, expected) => {
    expect(calendarTexts.seats(free, capacity)).toBe(expected);
  });
});
