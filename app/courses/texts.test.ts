import { courseFormTexts, pledgeTexts, progressText, seatsText } from "./texts";

// The wording comes from Intl plural rules; these pin what a person reads.
describe("course texts with seat counts", () => {
  it.each([
    [0, "0 Plätze"],
    [1, "1 Platz"],
    [2, "2 Plätze"],
  ])("seatsText(%i)", (count, expected) => {
    expect(seatsText(count)).toBe(expected);
  });

  it.each([
    [0, 1, "0 von mindestens 1 Platz zugesagt (höchstens 2)"],
    [12, 15, "12 von mindestens 15 Plätzen zugesagt (höchstens 2)"],
  ])("progressText(%i, %i, 2)", (pledged, minimum, expected) => {
    expect(progressText(pledged, minimum, 2)).toBe(expected);
  });

  it.each([
    [1, "Die Maßnahme kommt mit 1 Platz zustande"],
    [10, "Die Maßnahme kommt mit 10 Plätzen zustande"],
  ])("minimumAbovePledgedWhenConfirmed(%i)", (pledged, start) => {
    expect(courseFormTexts.minimumAbovePledgedWhenConfirmed(pledged)).toBe(
      `${start} – die Mindestteilnehmerzahl kann nicht mehr darüber angehoben werden.`,
    );
  });

  it.each([
    [0, 1, "Es sind keine Plätze mehr frei – Ihre Organisation kann höchstens 1 Platz zusagen."],
    [
      1,
      1,
      "Es ist nur noch 1 Platz frei – Ihre Organisation kann insgesamt höchstens 1 Platz zusagen.",
    ],
    [
      6,
      6,
      "Es sind nur noch 6 Plätze frei – Ihre Organisation kann insgesamt höchstens 6 Plätze zusagen.",
    ],
  ])("overMaximum(%i, %i)", (free, ownMaximum, expected) => {
    expect(pledgeTexts.overMaximum(free, ownMaximum)).toBe(expected);
  });

  it.each([
    [1, 1, "mindestens 1 Platz zugesagt sind", "bis auf 1 Platz verringern"],
    [15, 8, "mindestens 15 Plätze zugesagt sind", "bis auf 8 Plätze verringern"],
  ])("belowMinimumAfterConfirmation(%i, %i)", (minimum, ownMinimum, part, rest) => {
    const text = pledgeTexts.belowMinimumAfterConfirmation(minimum, ownMinimum);
    expect(text).toContain(part);
    expect(text).toContain(rest);
  });
});
