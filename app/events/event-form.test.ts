import { parseSubmission } from "~/form-schema";
import { eventSchema, type EventTimeRules } from "./event-form";
import { eventFormTexts } from "./texts";

const networkId = "7b0c1f8e-8d0a-4c1e-9a43-3f1d2b7e9c11";
const now = new Date("2026-01-15T09:00:00Z");

/** The form as a browser without JavaScript sends it (plain-text description). */
function form(overrides: Record<string, string | string[]> = {}) {
  return {
    networkId,
    kind: "inforunde",
    title: "Inforunde Solarmontage",
    descriptionText: "Die Solar Nord GmbH stellt sich vor.",
    startDate: "2026-03-29",
    startTime: "10:00",
    endDate: "",
    endTime: "12:00",
    deadlineDate: "2026-03-27",
    deadlineTime: "",
    place: "Jobcenter Apolda",
    onlineUrl: "",
    capacity: "25",
    "jobs[0].title": "Montagehelfer Solar",
    "jobs[0].positions": "25",
    "jobs[1].title": "",
    "jobs[1].positions": "",
    targetGroups: ["Langzeitarbeitslose"],
    ...overrides,
  };
}

/** The schema's value, or the first message per field as the page shows it. */
function parseFields(
  schema: ReturnType<typeof eventSchema>,
  fields: Record<string, string | string[]>,
) {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of [value].flat()) formData.append(name, item);
  }
  const submission = parseSubmission(formData, schema);
  if (submission.status === "success") return { ok: true as const, data: submission.value };
  const errors = Object.fromEntries(
    Object.entries(submission.error ?? {}).map(([name, messages]) => [name, messages?.[0]]),
  );
  return { ok: false as const, errors };
}

const read = (overrides: Record<string, string | string[]> = {}, rules: EventTimeRules = { now }) =>
  parseFields(eventSchema(rules), form(overrides));

describe("the event form's schema", () => {
  it("turns Berlin wall-clock times into instants, across the spring DST change", () => {
    const result = read();
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.data.startsAt.toISOString()).toBe("2026-03-29T08:00:00.000Z");
    expect(result.data.endsAt.toISOString()).toBe("2026-03-29T10:00:00.000Z");
    // A date alone: the end of that Berlin day (still winter time on the 27th).
    expect(result.data.registrationDeadline.toISOString()).toBe("2026-03-27T22:59:59.999Z");
    expect(result.data.jobs).toEqual([{ title: "Montagehelfer Solar", positions: 25 }]);
  });

  it("takes a deadline with a time and a multi-day end", () => {
    const result = read({ deadlineTime: "12:00", endDate: "2026-04-02", endTime: "16:00" });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.data.registrationDeadline.toISOString()).toBe("2026-03-27T11:00:00.000Z");
    expect(result.data.endsAt.toISOString()).toBe("2026-04-02T14:00:00.000Z");
  });

  it("reports impossible dates and times in German", () => {
    const result = read({ startDate: "2026-02-30", deadlineDate: "2026-02-01" });
    expect(result).toMatchObject({ ok: false, errors: { startDate: eventFormTexts.dateInvalid } });
    expect(read({ startTime: "25:00" })).toMatchObject({
      ok: false,
      errors: { startTime: eventFormTexts.timeInvalid },
    });
    expect(read({ startTime: "02:15" })).toMatchObject({
      ok: false,
      errors: { startTime: eventFormTexts.timeNonexistent("2026-03-29", "02:15") },
    });
  });

  it("accepts an online event without a place, and needs one of the two", () => {
    expect(read({ place: "", onlineUrl: "https://meet.example.org/inforunde" }).ok).toBe(true);
    expect(read({ place: "", onlineUrl: "javascript:alert(1)" })).toMatchObject({
      ok: false,
      errors: { onlineUrl: eventFormTexts.onlineUrlInvalid },
    });
  });

  it("checks capacity, jobs, network and the past", () => {
    expect(read({ capacity: "1001" })).toMatchObject({
      errors: { capacity: eventFormTexts.capacityInvalid },
    });
    expect(read({ "jobs[0].title": "Lager", "jobs[0].positions": "" })).toMatchObject({
      errors: { jobs: eventFormTexts.jobIncomplete },
    });
    // Whether the network is one of the user's is the action's to check (events.test.ts).
    expect(read({ networkId: "Netzwerk Nord" })).toMatchObject({
      errors: { networkId: eventFormTexts.networkInvalid },
    });
    expect(read({ startDate: "2026-01-10", deadlineDate: "2026-01-09" })).toMatchObject({
      errors: { startDate: eventFormTexts.startInPast },
    });
    // An unchanged start may lie in the past when an event is corrected afterwards.
    const past = read(
      { startDate: "2026-01-10", deadlineDate: "2026-01-09" },
      { now, previousStartsAt: new Date("2026-01-10T09:00:00Z") },
    );
    expect(past.ok).toBe(true);
  });

  it("reads the rich-text editor's JSON and refuses an empty description", () => {
    const description = JSON.stringify({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "Mit Betriebsführung." }] }],
    });
    const result = read({ descriptionText: "", description });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.data.description).toEqual(JSON.parse(description));
    expect(read({ descriptionText: " " })).toMatchObject({
      errors: { description: eventFormTexts.descriptionRequired },
    });
  });

  it("reports every problem of one submit at once, the first one per field", () => {
    expect(
      read({ title: "Jo", capacity: "0", place: "", endTime: "09:00", targetGroups: "Alle" }),
    ).toEqual({
      ok: false,
      errors: {
        title: eventFormTexts.titleRequired,
        capacity: eventFormTexts.capacityInvalid,
        targetGroups: eventFormTexts.vocabularyInvalid,
        endTime: eventFormTexts.endBeforeStart,
        place: eventFormTexts.placeOrOnline,
      },
    });
  });
});
