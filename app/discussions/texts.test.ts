import { attachedTexts, threadPageTexts } from "./page-texts";
import { discussionTexts } from "./texts";

// The wording comes from Intl plural and list rules; these pin what a person reads.
describe("discussion texts with counts and names", () => {
  it.each([
    [1, "Bearbeitungsverlauf (1 frühere Fassung)"],
    [2, "Bearbeitungsverlauf (2 frühere Fassungen)"],
  ])("history(%i)", (count, expected) => {
    expect(threadPageTexts.history(count)).toBe(expected);
  });

  it.each([
    [["Anna"], "Anna schreibt …"],
    [["Anna", "Ben"], "Anna und Ben schreiben …"],
    [["Anna", "Ben", "Cem"], "Anna, Ben und Cem schreiben …"],
  ])("typing(%j)", (names, expected) => {
    expect(threadPageTexts.typing(names)).toBe(expected);
  });

  it.each([
    [["Anna"], 0, "Gerade hier: Anna"],
    [["Anna", "Ben"], 0, "Gerade hier: Anna, Ben"],
    [["Anna"], 1, "Gerade hier: Anna und 1 weitere"],
    [["Anna", "Ben"], 1200, "Gerade hier: Anna, Ben und 1.200 weitere"],
  ])("viewers(%j, %i)", (names, more, expected) => {
    expect(threadPageTexts.viewers(names, more)).toBe(expected);
  });

  it.each([
    [0, "Noch keine Beiträge. Stellen Sie eine Frage oder teilen Sie Ihre Erfahrung."],
    [1, "1 Beitrag"],
    [2, "2 Beiträge"],
  ])("attached count(%i)", (count, expected) => {
    expect(attachedTexts.count(count)).toBe(expected);
  });

  it.each([
    [1, "Neues in den Diskussionen"],
    [3, "3 Neuigkeiten in den Diskussionen"],
  ])("digestSubject(%i)", (count, expected) => {
    expect(discussionTexts.digestSubject(count)).toBe(expected);
  });
});
