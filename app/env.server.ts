import { z } from "zod";

const optionalUrl = (protocols: string[], example: string) =>
  z
    .string()
    .trim()
    .url(`keine gültige URL / not a valid URL (z. B. ${example})`)
    .refine(
      (value) => protocols.some((protocol) => value.startsWith(`${protocol}:`)),
      `muss mit ${protocols.join(": oder ")}: beginnen / must start with ${protocols.join(": or ")}:`,
    )
    .optional();

const booleanFlag = z
  .enum(["true", "false", "1", "0"], {
    errorMap: () => ({ message: "erwartet true oder false / expected true or false" }),
  })
  .transform((value) => value === "true" || value === "1");

const milliseconds = z.coerce
  .number({ invalid_type_error: "muss eine Zahl sein / must be a number" })
  .int("muss eine ganze Zahl sein / must be an integer")
  .min(0, "darf nicht negativ sein / must not be negative");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce
    .number({ invalid_type_error: "muss eine Zahl sein / must be a number" })
    .int("muss eine ganze Zahl sein / must be an integer")
    .min(1, "zwischen 1 und 65535 / between 1 and 65535")
    .max(65535, "zwischen 1 und 65535 / between 1 and 65535")
    .default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: optionalUrl(["postgres", "postgresql"], "postgresql://user@host:5432/db"),
  PGLITE_DATA_DIR: z.string().default("data/pglite"),
  REDIS_URL: optionalUrl(["redis", "rediss"], "redis://127.0.0.1:6379"),
  SMTP_URL: optionalUrl(["smtp", "smtps"], "smtp://user:pass@mail.example.org:587"),
  /** Meilisearch instead of PostgreSQL full-text search for the Ideenbörse. */
  MEILI_HOST: optionalUrl(["http", "https"], "http://127.0.0.1:7700"),
  MEILI_API_KEY: z.string().min(1).optional(),
  MEILI_INDEX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "nur Buchstaben, Ziffern, - und _")
    .default("ideas"),
  MAIL_FROM: z
    .string()
    .email("keine gültige E-Mail-Adresse / not a valid e-mail address")
    .default("portal@example.org"),
  /** Public address used in links of e-mails. */
  PUBLIC_URL: z.string().url("keine gültige URL / not a valid URL").optional(),
  /** Secure cookies need HTTPS (localhost counts as secure in browsers). */
  COOKIE_SECURE: booleanFlag.optional(),
  SEED_DEMO_DATA: booleanFlag.default("true"),
  /**
   * Identity providers (single sign-on) with an http:// issuer: only for tests and local
   * development, where the provider runs on localhost without TLS.
   */
  OIDC_ALLOW_INSECURE_ISSUER: booleanFlag.default("false"),
  TRUST_PROXY: booleanFlag.default("false"),
  /** On SIGTERM: how long accepted requests may take before their connections are cut. */
  SHUTDOWN_GRACE_MS: milliseconds.default(10_000),
  /** At start: how long to wait for an unreachable PostgreSQL before giving up; 0 = forever. */
  DATABASE_WAIT_MS: milliseconds.default(60_000),
  /**
   * Largest request body in bytes. 4 MiB holds a rich-text document at its limit (1,000,000 JSON
   * characters, up to 3 bytes each once URL-encoded) with the rest of its form.
   */
  MAX_BODY_BYTES: z.coerce
    .number({ invalid_type_error: "muss eine Zahl sein / must be a number" })
    .int("muss eine ganze Zahl sein / must be an integer")
    .min(1024, "mindestens 1024 / at least 1024")
    .default(4 * 1024 * 1024),
});

export type Env = z.infer<typeof envSchema> & { cookieSecure: boolean };

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Ungültige Konfiguration / invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "not set", as in most .env tooling.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ""),
  );
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    // One line per variable: the first problem is the one to fix.
    const byVariable = new Map<string, string>();
    for (const issue of result.error.issues) {
      const name = issue.path.join(".");
      if (!byVariable.has(name)) byVariable.set(name, `${name}: ${issue.message}`);
    }
    throw new EnvError([...byVariable.values()]);
  }
  const env = result.data;
  return { ...env, cookieSecure: env.COOKIE_SECURE ?? env.NODE_ENV !== "development" };
}

let cached: Env | undefined;

/** The validated environment; parsed once. server/index.ts calls it first and exits on EnvError. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
