import { z } from "zod";

/** The forms of the sessions page, told apart by `intent`. */
export const sessionPageIntents = ["end", "endOthers"] as const;

/**
 * One session's row, named by its handle (see ~/account/sessions.server). A handle that names
 * none of the person's sessions answers 404, on the server.
 */
export const endSessionSchema = z.object({ session: z.string().default("") });

/** "Alle anderen Sitzungen beenden" has nothing to type. */
export const endOtherSessionsSchema = z.object({});
