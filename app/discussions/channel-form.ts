import { z } from "zod";
import { channelEmployerAccesses } from "~/db/vocabularies";
import { discussionTexts as texts, MAX_CHANNEL_DESCRIPTION, MAX_CHANNEL_NAME } from "./texts";

/** The forms of a channel's page: a new thread, the settings, archiving and restoring. */
export const channelPageIntents = ["start", "settings", "archive", "restore"] as const;

/** Name, description and employer access of a channel, checked in the browser and by the action. */
export const channelSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2, texts.channelNameRequired)
    .max(MAX_CHANNEL_NAME, texts.channelNameTooLong),
  description: z
    .string()
    .trim()
    .max(MAX_CHANNEL_DESCRIPTION, texts.channelDescriptionTooLong)
    .default(""),
  // A form without the choice leaves the channel closed to employers.
  employerAccess: z
    .enum(channelEmployerAccesses, { errorMap: () => ({ message: texts.employerAccessInvalid }) })
    .default("none"),
});

export type ChannelInput = z.output<typeof channelSchema>;

/** A new channel names its network too; whether the user may manage it only the server knows. */
export const newChannelSchema = channelSchema.extend({ networkId: z.string() });
