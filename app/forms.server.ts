import type { Submission, SubmissionResult } from "@conform-to/react";
import { json, type TypedResponse } from "@remix-run/node";
import { getEnv } from "~/env.server";
import { formTexts } from "~/form-texts";

export type FieldErrors = Record<string, string>;
/** Submitted values: one string per field, a list for fields with several checkboxes. */
export type FormValues = Record<string, string | string[]>;

/** What an action answers to a form it did not take: conform's result, read by `useForm`. */
export type FormResult = SubmissionResult<string[]>;

/** Fields whose value never travels back to the browser, whatever the form. */
const hiddenFields = ["password", "currentPassword", "newPassword", "passwordConfirmation"];

export interface Rejection {
  /** A message for the whole form, shown in its error summary. */
  form?: string;
  /** Messages the schema could not know (database checks), by field name. */
  fields?: FieldErrors;
}

/**
 * The 400 (or other) answer to a submission the action refuses: the schema's messages plus the
 * action's own, and everything that was typed except passwords.
 */
export function rejectSubmission(
  submission: Submission<unknown>,
  rejection: Rejection = {},
  status = 400,
): TypedResponse<FormResult> {
  const extra = rejection.form !== undefined || rejection.fields !== undefined;
  const result = submission.reply({
    ...(extra
      ? {
          formErrors: rejection.form === undefined ? undefined : [rejection.form],
          fieldErrors: Object.fromEntries(
            Object.entries(rejection.fields ?? {}).map(([name, message]) => [name, [message]]),
          ),
        }
      : {}),
    hideFields: hiddenFields,
  });
  return json(result, { status });
}

/** The answer to a body refused before any schema saw it (see readForm). */
function refusal(raw: FormValues, errors: FieldErrors, status: number): TypedResponse<FormResult> {
  const { form, ...fields } = errors;
  const error: Record<string, string[]> = {};
  if (form !== undefined) error[""] = [form];
  for (const [name, message] of Object.entries(fields)) error[name] = [message];
  const initialValue = Object.fromEntries(
    Object.entries(raw).filter(([key]) => !hiddenFields.includes(key)),
  );
  return json({ status: "error", initialValue, error } satisfies FormResult, { status });
}

/**
 * One string per field, the first where a field came twice (as FormData.get reads it, so every
 * parser sees the same value); a list for the multi-valued fields.
 */
export function formValues(formData: FormData, multiValued: readonly string[] = []): FormValues {
  const raw: FormValues = {};
  for (const [key, value] of formData) if (typeof value === "string") raw[key] ??= value;
  for (const key of multiValued) {
    raw[key] = formData.getAll(key).filter((value): value is string => typeof value === "string");
  }
  return raw;
}

export interface ReadFormOptions<Intent extends string> {
  /** Fields the form sends more than once (checkbox groups, table rows). */
  multiValued?: readonly string[];
  /** The intents that tell a page's forms apart; without one of them nothing happens. */
  intents?: readonly Intent[];
  /** Bytes the body may have; MAX_BODY_BYTES unless a test says otherwise. */
  maxBytes?: number;
}

export type FormRead<Intent extends string> =
  | { ok: true; formData: FormData; intent: Intent }
  | { ok: false; response: TypedResponse<FormResult> };

/**
 * The only way actions read a request body. Whatever arrives, the action gets either a form it
 * can trust or the response to return: 413 past the size limit, and 400 with a German message
 * and everything typed for a body that is not a form, a missing or unknown intent, a field sent
 * twice (refused rather than picking one, so no two readers can disagree about the value) and
 * characters PostgreSQL cannot store (NUL, unpaired surrogates, also escaped inside JSON).
 */
export async function readForm<Intent extends string = never>(
  request: Request,
  options: ReadFormOptions<Intent> = {},
): Promise<FormRead<Intent>> {
  const maxBytes = options.maxBytes ?? getEnv().MAX_BODY_BYTES;
  const contentType = request.headers.get("content-type") ?? "";
  if (!isFormContentType(contentType)) return refuse({ form: formTexts.unreadable });
  const body = await readCappedBody(request, maxBytes);
  if (!body) return refuse({ form: formTexts.tooLarge(maxBytes) }, 413);
  let formData: FormData;
  try {
    formData = await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    return refuse({ form: formTexts.unreadable });
  }

  const multiValued = options.multiValued ?? [];
  const raw = storableValues(formValues(formData, multiValued));
  const unsafeNames = [...new Set(formData.keys())].filter(isUnsafeFieldName);
  if (unsafeNames.length > 0) {
    const typed = Object.fromEntries(
      Object.entries(raw).filter(([name]) => !unsafeNames.includes(name)),
    );
    return refuse({ form: formTexts.unreadable }, 400, typed);
  }
  const intent = formData.get("intent");
  const knownIntent =
    options.intents === undefined || options.intents.some((known) => known === intent);
  if (!knownIntent) {
    // Without its intent the answer belongs to no form in particular: every form shows it.
    const { intent: _unknown, ...typed } = raw;
    return refuse({ form: formTexts.unknownIntent }, 400, typed);
  }

  const errors = fieldProblems(formData, multiValued);
  if (Object.keys(errors).length > 0) {
    const invalid = Object.values(errors).includes(formTexts.invalidCharactersField);
    const form = invalid ? formTexts.invalidCharacters : formTexts.duplicates;
    return { ok: false, response: refusal(raw, { form, ...errors }, 400) };
  }
  return { ok: true, formData, intent: intent as Intent };
}

/** The highest list index a field name may carry (`results[100].label`); tables are shorter. */
const MAX_LIST_INDEX = 100;
/** The deepest path a field name may spell (`a.b[0].c` has three steps). */
const MAX_NAME_DEPTH = 4;

/**
 * Names conform would read as more than a plain field, refused before any parser sees them: its
 * own control fields (`__intent__`, `__state__`, which it parses as JSON and throws on), a list
 * index that would build an array of millions of empty entries, a path deeper than any form
 * has (an answer nested too deep to serialise), and steps into an object's prototype.
 */
function isUnsafeFieldName(name: string): boolean {
  if (name === "__intent__" || name === "__state__") return true;
  const indexes = [...name.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
  if (indexes.some((index) => index > MAX_LIST_INDEX)) return true;
  const steps = name.split(/[.[\]]+/).filter(Boolean);
  if (steps.length > MAX_NAME_DEPTH) return true;
  return steps.some((step) => ["__proto__", "constructor", "prototype"].includes(step));
}

function refuse(errors: FieldErrors, status = 400, raw: FormValues = {}) {
  return { ok: false as const, response: refusal(raw, errors, status) };
}

function isFormContentType(contentType: string): boolean {
  const [mediaType = "", ...parameters] = contentType.split(";").map((part) => part.trim());
  const type = mediaType.toLowerCase();
  if (type === "application/x-www-form-urlencoded") return true;
  return type === "multipart/form-data" && parameters.some((p) => /^boundary=./i.test(p));
}

/** The body, or null once it exceeds maxBytes: nothing beyond the limit is held in memory. */
async function readCappedBody(
  request: Request,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  if (Number(request.headers.get("content-length")) > maxBytes) return null;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Cancelling would destroy the socket the 413 goes out on: read the rest, keeping nothing.
      void discardRest(reader);
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  try {
    while (!(await reader.read()).done);
  } catch {
    // The client went away: nothing left to discard.
  }
}

/** Field errors for values sent twice and values with characters that cannot be stored. */
function fieldProblems(formData: FormData, multiValued: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  const seen = new Set<string>();
  for (const [key, value] of formData) {
    if (seen.has(key) && !multiValued.includes(key)) errors[key] ??= formTexts.duplicateField;
    seen.add(key);
    if (typeof value === "string" && !isStorable(value)) {
      errors[key] = formTexts.invalidCharactersField;
    }
  }
  return errors;
}

// NUL, and a UTF-16 half without its other half: PostgreSQL refuses both in text and in jsonb.
const unstorable = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function isStorable(value: string): boolean {
  return value === storable(value);
}

/**
 * The value with each unstorable character replaced by U+FFFD, so the person sees where it was.
 * JSON (from the rich-text editor) can carry them as \u escapes: its strings are checked too.
 */
function storable(value: string): string {
  const cleaned = value.replace(unstorable, "\uFFFD");
  if (!cleaned.includes("\\u")) return cleaned;
  let parsed: unknown;
  try {
    parsed = JSON.parse(cleaned);
  } catch {
    return cleaned;
  }
  const cleanedJson = storableJson(parsed);
  return cleanedJson === parsed ? cleaned : JSON.stringify(cleanedJson);
}

/** The JSON value with unstorable characters replaced; the same object when there were none. */
function storableJson(value: unknown): unknown {
  if (typeof value === "string") return value.replace(unstorable, "\uFFFD");
  if (typeof value !== "object" || value === null) return value;
  let changed = false;
  const entries = Object.entries(value).map(([key, item]): [string, unknown] => {
    const cleanKey = key.replace(unstorable, "\uFFFD");
    const cleanItem = storableJson(item);
    changed ||= cleanKey !== key || cleanItem !== item;
    return [cleanKey, cleanItem];
  });
  if (!changed) return value;
  return Array.isArray(value) ? entries.map(([, item]) => item) : Object.fromEntries(entries);
}

function storableValues(raw: FormValues): FormValues {
  return Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [
      key,
      typeof value === "string" ? storable(value) : value.map(storable),
    ]),
  );
}

/**
 * Ends an action's dispatch on the intents it gave readForm: the call compiles only when every
 * intent has its branch, and readForm has already refused every other value.
 */
export function unhandledIntent(intent: never): never {
  throw new Error(`Kein Zweig für die Aktion ${String(intent)}`);
}
