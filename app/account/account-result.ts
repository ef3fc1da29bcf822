import type { Rejection } from "~/forms.server";

/** What a change to one's own account answers: done, or the refusal for the form (and its status). */
export type AccountResult = { ok: true } | { ok: false; rejection: Rejection; status?: number };
