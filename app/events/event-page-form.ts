import { z } from "zod";
import { parsePseudonymList } from "./pseudonym-list";

/** The forms of an event's page, told apart by `intent`. */
export const eventPageIntents = [
  "reserve",
  "cancelReservation",
  "recordOutcomes",
  "cancelEvent",
] as const;

/** Seats for the people named on the list, one pseudonym per line. */
export const reserveSchema = z.object({
  pseudonyms: z
    .string()
    .default("")
    .transform((text, context) => {
      const list = parsePseudonymList(text);
      if (list.ok) return list.pseudonyms;
      context.addIssue({ code: "custom", message: list.message });
      return z.NEVER;
    }),
});

/** One reservation given back; a malformed id answers 404 like an unknown one, on the server. */
export const cancelReservationSchema = z.object({ reservationId: z.string().default("") });

/** Cancelling the event asks for nothing but the button. */
export const cancelEventSchema = z.object({});
