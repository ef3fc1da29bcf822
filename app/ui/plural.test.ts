import { listOf, plural, pluralForm } from "./plural";

const seats = { one: "Platz", other: "Plätze" };

describe("plural", () => {
  it.each([
    [0, "0 Plätze"],
    [1, "1 Platz"],
    [2, "2 Plätze"],
    // Digits without grouping, as the texts showed them before.
    [1000, "1000 Plätze"],
  ])("%i → %s", (count, expected) => {
    expect(plural(count, seats)).toBe(expected);
  });
});

describe("pluralForm", () => {
  it.each([
    [0, "sind"],
    [1, "ist"],
    [2, "sind"],
    [1000, "sind"],
  ])("%i → %s", (count, expected) => {
    expect(pluralForm(count, { one: "ist", other: "sind" })).toBe(expected);
  });
});

describe("listOf", () => {
  it.each([
    [[], "", ""],
    [["Anna"], "Anna", "Anna"],
    [["Anna", "Ben"], "Anna und Ben", "Anna oder Ben"],
    [["Anna", "Ben", "Cem"], "Anna, Ben und Cem", "Anna, Ben oder Cem"],
  ])("%j", (items, conjunction, disjunction) => {
    expect(listOf(items)).toBe(conjunction);
    expect(listOf(items, "conjunction")).toBe(conjunction);
    expect(listOf(items, "disjunction")).toBe(disjunction);
  });
});
