import { eq } from "drizzle-orm";
import { recoveryCodes, secondFactors } from "~/db/schema";
import type { Executor } from "~/db/unit-of-work.server";

/** Removes a person's second factor and recovery codes (by themselves or by their admin). */
export async function deleteSecondFactor(executor: Executor, userId: string): Promise<void> {
  await executor.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await executor.delete(secondFactors).where(eq(secondFactors.userId, userId));
}
