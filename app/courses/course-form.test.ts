import { parseSubmission } from "~/form-schema";
import { endOfBerlinDay } from "~/time/berlin";
import { courseSchema, pledgeSchema, type DeadlineRules } from "./course-form";

const today = "2026-05-04";
const networkId = "6f1c1a52-5b44-4c1e-9a53-2f4f1f0f6a11";

/** The course form as a browser without JavaScript sends it (plain-text description). */
function courseForm(overrides: Record<string, string | string[] | undefined> = {}): FormData {
  const values: Record<string, string | string[] | undefined> = {
    title: "Berufssprachkurs Pflege B2",
    descriptionText: "Deutsch für die Pflege, mit Praxistagen im Klinikum.",
    instrument: "paragraph_45",
    startDate: "2026-06-15",
    duration: "4 Monate, Teilzeit",
    place: "Ritterstraße 7, 99510 Apolda",
    minParticipants: "8",
    maxParticipants: "12",
    pledgeDeadline: "2026-05-20",
    admittedKinds: ["jobcenter", "schuldnerberatung"],
    networkId,
    ...overrides,
  };
  const formData = new FormData();
  for (const [name, value] of Object.entries(values)) {
    for (const item of value === undefined ? [] : [value].flat()) formData.append(name, item);
  }
  return formData;
}

const errorsOf = (formData: FormData, rules: DeadlineRules = { today }) => {
  const submission = parseSubmission(formData, courseSchema(rules));
  return submission.status === "error" ? submission.error : {};
};

describe("the course form's schema", () => {
  it("gives the capability numbers, a list of kinds, the document and the deadline's last instant", () => {
    const submission = parseSubmission(courseForm(), courseSchema({ today }));
    expect(submission.status).toBe("success");
    const end = endOfBerlinDay("2026-05-20");
    expect(submission.status === "success" && submission.value).toMatchObject({
      title: "Berufssprachkurs Pflege B2",
      minParticipants: 8,
      maxParticipants: 12,
      admittedKinds: ["jobcenter", "schuldnerberatung"],
      pledgeDeadline: end.ok ? end.instant : null,
      description: { type: "doc" },
    });
  });

  it("reports the fields and the rules between them in one go", () => {
    expect(
      errorsOf(
        courseForm({
          title: "Lo",
          admittedKinds: undefined,
          minParticipants: "25",
          maxParticipants: "20",
          pledgeDeadline: "2026-07-01",
          descriptionText: " ",
        }),
      ),
    ).toEqual({
      title: ["Bitte geben Sie einen Titel an (mindestens 3 Zeichen)."],
      admittedKinds: [
        "Bitte wählen Sie mindestens eine Art von Organisation, die Plätze zusagen kann.",
      ],
      minParticipants: [
        "Die Mindestteilnehmerzahl darf nicht größer sein als die Höchstteilnehmerzahl.",
      ],
      pledgeDeadline: ["Die Meldefrist muss vor dem Beginn der Maßnahme enden."],
      description: ["Bitte beschreiben Sie die Maßnahme im Textfeld."],
    });
  });

  it("relates fields only once each is valid on its own", () => {
    expect(errorsOf(courseForm({ minParticipants: "0", maxParticipants: "x" }))).toEqual({
      minParticipants: [
        "Bitte geben Sie die Mindestteilnehmerzahl als ganze Zahl von 1 bis 500 an.",
      ],
      maxParticipants: [
        "Bitte geben Sie die Höchstteilnehmerzahl als ganze Zahl von 1 bis 500 an.",
      ],
    });
  });

  it("refuses a deadline before today, unless an edit keeps the stored one", () => {
    const passed = courseForm({ pledgeDeadline: "2026-05-03" });
    expect(errorsOf(passed)).toEqual({
      pledgeDeadline: ["Die Meldefrist muss in der Zukunft liegen."],
    });
    expect(errorsOf(passed, { today, keptDeadline: "2026-05-03" })).toEqual({});
    expect(errorsOf(courseForm({ pledgeDeadline: today }))).toEqual({});
  });

  it("keeps every message on the checkbox group, also for a kind not in the list", () => {
    expect(errorsOf(courseForm({ admittedKinds: ["jobcenter", "verein"] }))).toEqual({
      admittedKinds: ["Bitte wählen Sie nur Einträge aus der Liste."],
    });
  });
});

describe("the pledge form's schema", () => {
  it.each([
    ["0", 0],
    [" 12 ", 12],
  ])("takes %j seats", (seats, expected) => {
    const formData = new FormData();
    formData.set("seats", seats);
    const submission = parseSubmission(formData, pledgeSchema);
    expect(submission.status === "success" && submission.value.seats).toBe(expected);
  });

  it.each(["", "zwei", "501", "-1"])("refuses %j", (seats) => {
    const formData = new FormData();
    formData.set("seats", seats);
    const submission = parseSubmission(formData, pledgeSchema);
    expect(submission.status === "error" && submission.error).toEqual({
      seats: ["Bitte geben Sie die Zahl der Plätze als ganze Zahl von 0 bis 500 an."],
    });
  });
});
