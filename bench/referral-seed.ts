/**
 * Synthetic data for the referral benchmark (bench/referrals.ts): one network, organisations of
 * mixed kinds with one staff member and one service each, and many referrals between them with
 * their status history. Everything is generated here from a seeded pseudo-random generator (the
 * same seed gives the same data) and written with batched multi-row inserts.
 *
 * The data is written as the portal would have left it (then VACUUM ANALYZE): overdue sent referrals are already
 * escalated and referrals that ended longer ago than the retention period are already
 * anonymised, so the server's scheduled jobs find nothing to do while the benchmark runs.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { hashPassword } from "~/auth/password.server";
import type { Database } from "~/db/client.server";
import {
  ageBands,
  contactPreferences,
  declineReasons,
  networks,
  outcomeCodes,
  referrals,
  referralTransitions,
  services,
  type OrganizationKind,
  type ReferralStatus,
  type ServiceCategory,
} from "~/db/schema";
import { berlinDate } from "~/time/berlin";
import { addWorkingDays } from "~/time/working-days.server";
import { insertUnnest } from "./bulk-insert";
import { createRandom, type Random } from "./random";
import { insertOrganizationsWithStaff } from "./seed-organizations";

export interface SeedOptions {
  organizations: number;
  referrals: number;
  /** Seed of the pseudo-random generator. */
  seed: number;
  /** Months of history the referrals' creation dates are spread over. */
  historyMonths: number;
  /** Password of every generated user. */
  password: string;
  /** Rows per INSERT statement. */
  batchRows: number;
  /** Concurrent INSERT statements. */
  concurrency: number;
  now: Date;
  log?: (message: string) => void;
}

export interface SeededOrganization {
  id: string;
  name: string;
  kind: OrganizationKind;
  userId: string;
  userEmail: string;
  serviceId: string;
}

/** The fields of a generated referral that the list pages filter on. */
export interface SeededReferralSummary {
  senderOrganizationId: string;
  receiverOrganizationId: string;
  status: ReferralStatus;
  sent: boolean;
  dueOn: string | null;
}

export interface SeedResult {
  networkId: string;
  organizations: SeededOrganization[];
  referrals: SeededReferralSummary[];
  rowCounts: { referrals: number; transitions: number };
  statusCounts: Record<string, number>;
  /** analyze: VACUUM (ANALYZE) of the whole database. */
  timingsMs: { generate: number; insert: number; analyze: number; total: number };
}

/** Target shares of the referrals' current status (sum 100). */
export const statusWeights = {
  draft: 2,
  sent: 19,
  accepted: 15,
  in_progress: 15,
  completed: 34,
  declined: 10,
  withdrawn: 5,
} as const satisfies Partial<Record<ReferralStatus, number>>;

const organizationTemplates: readonly {
  kind: OrganizationKind;
  name: string;
  service: string;
  category: ServiceCategory;
  responseWorkingDays: number;
}[] = [
  {
    kind: "jobcenter",
    name: "Jobcenter",
    service: "Integrationsberatung",
    category: "qualifizierung",
    responseWorkingDays: 5,
  },
  {
    kind: "schuldnerberatung",
    name: "Schuldner- und Insolvenzberatung",
    service: "Schuldnerberatung",
    category: "schuldnerberatung",
    responseWorkingDays: 10,
  },
  {
    kind: "suchtberatung",
    name: "Suchtberatungsstelle",
    service: "Offene Suchtberatung",
    category: "suchtberatung",
    responseWorkingDays: 5,
  },
  {
    kind: "bildungstraeger",
    name: "Bildungswerk",
    service: "Berufssprachkurs",
    category: "sprachkurs",
    responseWorkingDays: 10,
  },
  {
    kind: "jugendamt",
    name: "Jugendamt",
    service: "Hilfen zur Erziehung",
    category: "jugendhilfe",
    responseWorkingDays: 5,
  },
  {
    kind: "psychosozialer_dienst",
    name: "Sozialpsychiatrischer Dienst",
    service: "Psychosoziale Beratung",
    category: "psychosoziale_beratung",
    responseWorkingDays: 5,
  },
  {
    kind: "migrationsberatung",
    name: "Migrationsberatung",
    service: "Migrationsberatung für Erwachsene",
    category: "sonstige",
    responseWorkingDays: 10,
  },
  {
    kind: "kommune",
    name: "Familienbüro",
    service: "Kita-Platz-Vermittlung",
    category: "kinderbetreuung",
    responseWorkingDays: 10,
  },
  {
    kind: "krankenkasse",
    name: "Gesundheitskasse",
    service: "Gesundheitscoaching",
    category: "gesundheit",
    responseWorkingDays: 5,
  },
  {
    kind: "agentur_fuer_arbeit",
    name: "Agentur für Arbeit",
    service: "Berufsberatung",
    category: "qualifizierung",
    responseWorkingDays: 5,
  },
];

const places = [
  "Nordstadt",
  "Südkreis",
  "Am Markt",
  "Westend",
  "Altstadt",
  "Ostheim",
  "Bahnhofsviertel",
  "Auenland",
  "Talstadt",
  "Bergdorf",
];

const reasons = [
  "Mietschulden und offene Handyverträge; Überblick über die Forderungen gewünscht.",
  "Kinderbetreuung fehlt für die Teilnahme an einer Maßnahme.",
  "Deutschkenntnisse reichen für die angestrebte Ausbildung noch nicht aus.",
  "Alkoholkonsum gefährdet die Arbeitsaufnahme; Kontakt zur Beratung gewünscht.",
  "Belastende Lebenssituation, Unterstützung bei der Tagesstruktur gewünscht.",
  "Rückkehr in den Beruf nach längerer Krankheit.",
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function initials(random: Random): string {
  const letters = "ABCDEFGHIJKLMNOPRSTUVWZ";
  return `${random.pick([...letters])}. ${random.pick([...letters])}.`;
}

// berlinDate() and addWorkingDays() are exact but slow for 100,000 rows; the Berlin date only
// changes on full hours and a deadline depends only on the start day, so both are memoised.
const berlinDateCache = new Map<number, string>();
function berlinDateOf(instant: number): string {
  const hour = Math.floor(instant / HOUR);
  let date = berlinDateCache.get(hour);
  if (date === undefined) {
    date = berlinDate(new Date(hour * HOUR));
    berlinDateCache.set(hour, date);
  }
  return date;
}
const deadlineCache = new Map<string, string>();
function deadline(startDate: string, workingDays: number): string {
  const key = `${startDate}+${workingDays}`;
  let date = deadlineCache.get(key);
  if (date === undefined) {
    date = addWorkingDays(startDate, workingDays);
    deadlineCache.set(key, date);
  }
  return date;
}

function addMonthsMs(instant: number, months: number): number {
  const date = new Date(instant);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.getTime();
}

type ReferralRow = typeof referrals.$inferInsert;
type TransitionRow = Omit<typeof referralTransitions.$inferInsert, "id" | "note">;

/** Inserts rows in batches of batchRows, concurrency statements at a time. */
async function insertBatched(
  db: Database,
  table: PgTable,
  rows: readonly Record<string, unknown>[],
  batchRows: number,
  concurrency: number,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const start = next;
      next += batchRows;
      await insertUnnest(db, table, rows.slice(start, start + batchRows));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}

/** Generates and inserts the benchmark data into an empty, migrated database. */
export async function seedReferralBenchmark(
  db: Database,
  options: SeedOptions,
): Promise<SeedResult> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const random = createRandom(options.seed);
  const now = options.now.getTime();
  const today = berlinDate(options.now);
  const historyStart = addMonthsMs(now, -options.historyMonths);
  const retentionMonths = 6;

  // --- organisations, users, services -------------------------------------------------------
  const networkId = randomUUID();
  const passwordHash = await hashPassword(options.password);
  const seededOrganizations: (SeededOrganization & {
    category: ServiceCategory;
    responseWorkingDays: number;
  })[] = [];
  const kindCounters = new Map<OrganizationKind, number>();
  for (let index = 0; index < options.organizations; index++) {
    const template = organizationTemplates[index % organizationTemplates.length]!;
    const ordinal = (kindCounters.get(template.kind) ?? 0) + 1;
    kindCounters.set(template.kind, ordinal);
    const number = String(index + 1).padStart(2, "0");
    seededOrganizations.push({
      id: randomUUID(),
      name: `${template.name} ${places[(ordinal - 1) % places.length]}${
        ordinal > places.length ? ` ${Math.ceil(ordinal / places.length)}` : ""
      }`,
      kind: template.kind,
      userId: randomUUID(),
      userEmail: `fachkraft-${number}@bench.example.org`,
      serviceId: randomUUID(),
      category: template.category,
      responseWorkingDays: template.responseWorkingDays,
    });
  }

  // --- referrals and transitions ------------------------------------------------------------
  const referralRows: ReferralRow[] = [];
  const transitionRows: TransitionRow[] = [];
  const summaries: SeededReferralSummary[] = [];
  const statusCounts: Record<string, number> = {};
  const organizationCount = seededOrganizations.length;
  if (organizationCount < 2) throw new Error("Es braucht mindestens zwei Organisationen.");

  for (let index = 0; index < options.referrals; index++) {
    const sender = seededOrganizations[random.int(0, organizationCount - 1)]!;
    let receiver = seededOrganizations[random.int(0, organizationCount - 2)]!;
    if (receiver === sender) receiver = seededOrganizations[organizationCount - 1]!;
    const status = random.weighted(statusWeights);
    statusCounts[status] = (statusCounts[status] ?? 0) + 1;

    const id = randomUUID();
    const createdAt = historyStart + random.next() * (now - historyStart);
    const transitions: TransitionRow[] = [];
    // Each step happens after the previous one and never after "now".
    let clock = createdAt;
    const step = (minMs: number, maxMs: number) => {
      clock = Math.min(now, clock + minMs + random.next() * (maxMs - minMs));
      return clock;
    };
    const transition = (
      fromStatus: ReferralStatus | null,
      toStatus: ReferralStatus,
      by: typeof sender,
      at: number,
    ) =>
      transitions.push({
        referralId: id,
        fromStatus,
        toStatus,
        actorUserId: by.userId,
        actorOrganizationId: by.id,
        occurredAt: new Date(at),
      });

    transition(null, "draft", sender, createdAt);
    let sentAt: number | null = null;
    let dueOn: string | null = null;
    let escalatedAt: number | null = null;
    let declineReason: ReferralRow["declineReason"] = null;
    let firstAppointmentOn: string | null = null;
    let outcome: ReferralRow["outcome"] = null;
    let closedAt: number | null = null;

    if (status !== "draft") {
      // Most referrals are sent straight from the form, some are saved as a draft first.
      sentAt = random.chance(0.7) ? createdAt : step(10 * 60_000, 2 * DAY);
      transition("draft", "sent", sender, sentAt);
      dueOn = deadline(berlinDateOf(sentAt), receiver.responseWorkingDays);
      // The answer (or a withdrawal) came after a few hours to ~8 days, sometimes too late.
      const answeredAt = () => step(2 * HOUR, 8 * DAY);
      // The overdue job escalates on the morning after the due day, unless answered before.
      const escalation = Date.parse(`${dueOn}T00:00:00Z`) + DAY + 6 * HOUR;
      const escalatedIfLate = (answered: number | null) =>
        escalation <= now && (answered === null || answered > escalation) ? escalation : null;
      if (status === "sent") {
        escalatedAt = escalatedIfLate(null);
      } else if (status === "declined") {
        closedAt = answeredAt();
        escalatedAt = escalatedIfLate(closedAt);
        declineReason = random.pick(declineReasons);
        transition("sent", "declined", receiver, closedAt);
      } else if (status === "withdrawn" && random.chance(0.6)) {
        closedAt = answeredAt();
        escalatedAt = escalatedIfLate(closedAt);
        transition("sent", "withdrawn", sender, closedAt);
      } else {
        const acceptedAt = answeredAt();
        escalatedAt = escalatedIfLate(acceptedAt);
        transition("sent", "accepted", receiver, acceptedAt);
        if (status === "withdrawn") {
          closedAt = step(DAY, 20 * DAY);
          transition("accepted", "withdrawn", sender, closedAt);
        } else if (status === "in_progress" || status === "completed") {
          const startedAt = step(DAY, 14 * DAY);
          firstAppointmentOn = berlinDateOf(startedAt);
          transition("accepted", "in_progress", receiver, startedAt);
          if (status === "completed") {
            closedAt = step(14 * DAY, 120 * DAY);
            outcome = random.pick(outcomeCodes);
            transition("in_progress", "completed", receiver, closedAt);
          }
        }
      }
    }

    // Ended longer ago than the retention period: the retention job has already run.
    let anonymisedAt: number | null = null;
    if (closedAt !== null) {
      const due = addMonthsMs(closedAt, retentionMonths) + HOUR;
      if (due <= now) anonymisedAt = due;
    }
    const lastChange = transitions[transitions.length - 1]!.occurredAt as Date;

    referralRows.push({
      id,
      networkId,
      serviceId: receiver.serviceId,
      senderOrganizationId: sender.id,
      receiverOrganizationId: receiver.id,
      createdByUserId: sender.userId,
      status,
      pseudonym: anonymisedAt === null ? initials(random) : null,
      ageBand: random.pick(ageBands),
      needs:
        random.chance(0.2) && receiver.category !== sender.category
          ? [receiver.category, sender.category]
          : [receiver.category],
      reason: anonymisedAt === null ? random.pick(reasons) : null,
      urgency: random.chance(0.15) ? "dringend" : "normal",
      contactPreference: random.pick(contactPreferences),
      sentAt: sentAt === null ? null : new Date(sentAt),
      dueOn,
      escalatedAt: escalatedAt === null ? null : new Date(escalatedAt),
      declineReason,
      firstAppointmentOn,
      outcome,
      closedAt: closedAt === null ? null : new Date(closedAt),
      anonymisedAt: anonymisedAt === null ? null : new Date(anonymisedAt),
      createdAt: new Date(createdAt),
      updatedAt: new Date(Math.max(lastChange.getTime(), anonymisedAt ?? 0)),
    });
    transitionRows.push(...transitions);
    summaries.push({
      senderOrganizationId: sender.id,
      receiverOrganizationId: receiver.id,
      status,
      sent: sentAt !== null,
      dueOn,
    });
  }
  const generated = performance.now();
  log(
    `${referralRows.length} Übergaben und ${transitionRows.length} Statuswechsel erzeugt ` +
      `(${((generated - started) / 1000).toFixed(1)} s, bis ${today})`,
  );

  // --- insert ---------------------------------------------------------------------------------
  const earliest = new Date(historyStart - 30 * DAY);
  await db.insert(networks).values({
    id: networkId,
    name: "Netzwerk Benchmark-Kreis",
    region: "Benchmark-Kreis",
    description: "Synthetische Daten für npm run bench:referrals",
    referralRetentionMonths: retentionMonths,
    createdAt: earliest,
  });
  await insertOrganizationsWithStaff(
    db,
    seededOrganizations.map((organization) => ({
      ...organization,
      city: "Benchmark-Kreis",
      networkIds: [networkId],
    })),
    { passwordHash, createdAt: earliest },
  );
  await db.insert(services).values(
    seededOrganizations.map((organization) => ({
      id: organization.serviceId,
      organizationId: organization.id,
      name: `${organizationTemplates.find((t) => t.kind === organization.kind)!.service} (${organization.name})`,
      category: organization.category,
      responseWorkingDays: organization.responseWorkingDays,
      createdAt: earliest,
      updatedAt: earliest,
    })),
  );
  await insertBatched(db, referrals, referralRows, options.batchRows, options.concurrency);
  log(`referrals eingefügt (${((performance.now() - generated) / 1000).toFixed(1)} s)`);
  await insertBatched(
    db,
    referralTransitions,
    transitionRows,
    options.batchRows,
    options.concurrency,
  );
  const inserted = performance.now();
  log(`eingefügt in ${((inserted - generated) / 1000).toFixed(1)} s`);

  // VACUUM as well: it sets the visibility map, so index-only scans behave as in a database that
  // autovacuum has been looking after, instead of depending on when autovacuum first runs.
  await db.execute(sql`VACUUM (ANALYZE)`);
  const analyzed = performance.now();

  return {
    networkId,
    organizations: seededOrganizations.map(
      ({ category: _category, responseWorkingDays: _days, ...organization }) => organization,
    ),
    referrals: summaries,
    rowCounts: { referrals: referralRows.length, transitions: transitionRows.length },
    statusCounts,
    timingsMs: {
      generate: generated - started,
      insert: inserted - generated,
      analyze: analyzed - inserted,
      total: analyzed - started,
    },
  };
}
