import type { ComponentProps } from "react";
import { TextField } from "./form";

/**
 * A field for a whole number (seats, days, months, counts): phones show their number pad. The
 * schema checks the range again; `min` and `max` only shape the browser's spinner.
 */
export function NumberField(props: Omit<ComponentProps<typeof TextField>, "type" | "inputMode">) {
  return <TextField {...props} type="number" inputMode="numeric" />;
}
