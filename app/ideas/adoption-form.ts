import { z } from "zod";
import { ideaTexts as texts } from "./texts";

/** „Das setzen wir auch um“: an optional note for the idea's authors. */
export const adoptionSchema = z.object({
  note: z.string().trim().max(500, texts.adoptionNoteTooLong).default(""),
});
