/**
 * Password benchmark: `npm run bench:password` (or `npx tsx bench/password.ts`).
 *
 * Measures what a login, a password change and a reset cost per password, for long crafted
 * inputs against a normal passphrase (the baseline of the same run):
 *   - hashing with argon2id (hashPassword: a new password is stored),
 *   - verifying against a stored hash (verifyPassword: every login),
 *   - the strength check (checkPasswordPolicy: zxcvbn, whose matchers grew badly with length
 *     and l33t substitutions before the estimate was cut to the first 64 characters).
 * The inputs take turns within every round, so load from other processes affects all of them
 * alike. The first strength check loads the dictionaries and is reported on its own.
 * Results go to bench/results/password-<timestamp>.json. Nothing here touches a database.
 *
 * Environment:
 *   BENCH_ROUNDS          measured rounds per input and operation (default 20)
 *   BENCH_WARMUP_ROUNDS   discarded rounds before measuring (default 2)
 */
import { performance } from "node:perf_hooks";
import { checkPasswordPolicy, hashPassword, verifyPassword } from "~/auth/password.server";
import { integerFromEnv, machineSummary, runBenchmark, startRun } from "./harness";
import { stats, type Stats } from "./server-timing";

const config = {
  rounds: integerFromEnv("BENCH_ROUNDS", 20),
  warmupRounds: integerFromEnv("BENCH_WARMUP_ROUNDS", 2),
};

const email = "anna.berg@example.org";

/** The baseline first; the crafted ones are those the removed timed test used (256 and 250 characters). */
const inputs = [
  {
    key: "normal",
    label: "normale Passphrase (29 Zeichen)",
    password: "Kooperation-im-Landkreis-2026",
  },
  { key: "repeated", label: '"Ab1!" × 64 (256 Zeichen)', password: "Ab1!".repeat(64) },
  {
    key: "symbols",
    label: "Sonderzeichen-Folge × 10 (250 Zeichen)",
    password: "4@8({[</369&#!1/|0$5+7%2/".repeat(10),
  },
] as const;

type InputKey = (typeof inputs)[number]["key"];
type Operation = "hash" | "verify" | "policy";

const operationLabels: Record<Operation, string> = {
  hash: "Hashen (argon2id)",
  verify: "Prüfen gegen Hash",
  policy: "Stärkeprüfung (zxcvbn)",
};

async function timed(work: () => unknown): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main() {
  const run = startRun(
    `Passwort-Benchmark: ${inputs.length} Eingaben, ${config.warmupRounds} + ${config.rounds} Runden ` +
      `je Eingabe und Vorgang; ${machineSummary()}`,
  );

  const firstPolicyCheckMs = await timed(() => checkPasswordPolicy("Aufwärmen-42-Zeichen", email));
  // One stored hash per input, as a login finds it in the users table.
  const storedHashes = {} as Record<InputKey, string>;
  for (const input of inputs) storedHashes[input.key] = await hashPassword(input.password);

  const durations = {} as Record<Operation, Record<InputKey, number[]>>;
  for (const operation of Object.keys(operationLabels) as Operation[]) {
    durations[operation] = { normal: [], repeated: [], symbols: [] };
  }
  const verdicts = {} as Record<InputKey, string | null>;

  for (let round = 0; round < config.warmupRounds + config.rounds; round += 1) {
    const measured = round >= config.warmupRounds;
    for (const input of inputs) {
      const hashMs = await timed(() => hashPassword(input.password));
      const verifyMs = await timed(async () => {
        if (!(await verifyPassword(storedHashes[input.key], input.password))) {
          throw new Error(`Der Hash von „${input.label}“ passt nicht zu seinem Passwort.`);
        }
      });
      const policyMs = await timed(() => {
        verdicts[input.key] = checkPasswordPolicy(input.password, email);
      });
      if (!measured) continue;
      durations.hash[input.key].push(hashMs);
      durations.verify[input.key].push(verifyMs);
      durations.policy[input.key].push(policyMs);
    }
  }

  const results = {} as Record<Operation, Record<InputKey, Stats>>;
  console.log(`\nErste Stärkeprüfung (lädt die Wörterbücher): ${ms(firstPolicyCheckMs)}`);
  for (const operation of Object.keys(operationLabels) as Operation[]) {
    results[operation] = {} as Record<InputKey, Stats>;
    console.log(`\n${operationLabels[operation]}`);
    for (const input of inputs) {
      const figures = stats(durations[operation][input.key]);
      results[operation][input.key] = figures;
      const baseline = stats(durations[operation].normal).p50;
      console.log(
        `  ${input.label.padEnd(40)} p50 ${ms(figures.p50).padStart(9)}  p95 ${ms(figures.p95).padStart(9)}  ` +
          `max ${ms(figures.max).padStart(9)}  ${(figures.p50 / baseline).toFixed(2)} × Basis`,
      );
    }
  }
  console.log("\nUrteil der Stärkeprüfung:");
  for (const input of inputs) {
    console.log(`  ${input.label.padEnd(40)} ${verdicts[input.key] ?? "angenommen"}`);
  }

  await run.finish();
  const file = run.save("password", {
    config,
    inputs: inputs.map(({ key, label, password }) => ({ key, label, length: password.length })),
    firstPolicyCheckMs,
    results,
    verdicts,
  });
  console.log(`\nErgebnisse: ${file}`);
}

runBenchmark(main);
