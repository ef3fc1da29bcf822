import { z } from "zod";
import {
  digestFrequencies,
  notificationDeliveries,
  notificationKinds,
  type NotificationKind,
} from "~/db/vocabularies";
import { notificationSettingsTexts as texts } from "./texts";

/** "Mein Konto → Benachrichtigungen": a choice per kind, and when the digest goes out. */

const delivery = z.enum(notificationDeliveries, {
  errorMap: () => ({ message: texts.deliveryRequired }),
});

export const notificationSettingsSchema = z.object({
  deliveries: z.object(
    Object.fromEntries(notificationKinds.map((kind) => [kind, delivery])) as Record<
      NotificationKind,
      typeof delivery
    >,
  ),
  frequency: z.enum(digestFrequencies, { errorMap: () => ({ message: texts.frequencyRequired }) }),
  hour: z
    .string({ errorMap: () => ({ message: texts.hourInvalid }) })
    .regex(/^([01]?\d|2[0-3])$/, texts.hourInvalid)
    .transform(Number),
});

/** The hours a digest can go out at. */
export const digestHours = Array.from({ length: 24 }, (_, hour) => hour);
