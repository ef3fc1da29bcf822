import { readEventForm } from "./event-form.server";
import { eventFormTexts } from "./texts";

const networkId = "7b0c1f8e-8d0a-4c1e-9a43-3f1d2b7e9c11";
const now = new Date("2026-01-15T09:00:00Z");

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
    jobTitle: ["Montagehelfer Solar", ""],
    jobPositions: ["25", ""],
    targetGroups: ["Langzeitarbeitslose"],
    ...overrides,
  };
}

const read = (overrides: Record<string, string | string[]> = {}) =>
  readEventForm(form(overrides), { allowedNetworkIds: [networkId], now });

describe("readEventForm", () => {
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
    expect(read({ jobTitle: ["Lager"], jobPositions: [""] })).toMatchObject({
      errors: { jobs: eventFormTexts.jobIncomplete },
    });
    expect(read({ networkId: "0b0c1f8e-8d0a-4c1e-9a43-3f1d2b7e9c11" })).toMatchObject({
      errors: { networkId: eventFormTexts.networkInvalid },
    });
    expect(read({ startDate: "2026-01-10", deadlineDate: "2026-01-09" })).toMatchObject({
      errors: { startDate: eventFormTexts.startInPast },
    });
    // An unchanged start may lie in the past when an event is corrected afterwards.
    const past = readEventForm(form({ startDate: "2026-01-10", deadlineDate: "2026-01-09" }), {
      allowedNetworkIds: [networkId],
      now,
      previousStartsAt: new Date("2026-01-10T09:00:00Z"),
    });
    expect(past.ok).toBe(true);
  });
});
