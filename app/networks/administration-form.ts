import { z } from "zod";
import { networkTexts } from "./texts";

/** The forms of the platform administration's network page, told apart by `intent`. */
export const administrationIntents = ["create", "appoint"] as const;

/** The coordinator needs an account already: the action looks the address up. */
const coordinatorEmail = z.string().trim().email(networkTexts.coordinatorEmailInvalid);

export const createNetworkSchema = z.object({
  name: z.string().trim().min(3, networkTexts.nameRequired).max(200),
  region: z.string().trim().min(2, networkTexts.regionRequired).max(200),
  description: z.string().trim().max(2000).default(""),
  coordinatorEmail,
});

export const appointCoordinatorSchema = z.object({ networkId: z.string(), coordinatorEmail });
