/**
 * What bench/referrals.ts measures: the settings from the environment, the pages (targets) and,
 * for each list page, how many referrals the seeded data must show on it.
 */
import type { Box, ListFilters } from "~/referrals/referral-lists.server";
import { berlinDate } from "~/time/berlin";
import { integerFromEnv } from "./harness";
import { adminUrlFromEnv } from "./scratch-database";
import type { SeedResult } from "./referral-seed";

export const config = {
  adminUrl: adminUrlFromEnv(),
  databaseName: process.env.BENCH_DB_NAME || "portal_bench_referrals",
  referrals: integerFromEnv("BENCH_REFERRALS", 100_000),
  organizations: integerFromEnv("BENCH_ORGANIZATIONS", 50),
  seed: integerFromEnv("BENCH_SEED", 20_260_301),
  requests: integerFromEnv("BENCH_REQUESTS", 500),
  warmupRequests: integerFromEnv("BENCH_WARMUP_REQUESTS", 50),
  roundRequests: integerFromEnv("BENCH_ROUND_REQUESTS", 50),
  concurrency: integerFromEnv("BENCH_CONCURRENCY", 1),
  historyMonths: 24,
  insertBatchRows: 5_000,
  insertConcurrency: 4,
  target: { maxP95Ms: 50 },
};

/** Password of every seeded staff member. */
export const PASSWORD = "Netzwerk-ABC-Bench-2026";

export interface Target {
  key: string;
  label: string;
  path: string;
  /** Inbox/outbox pages are held to the target; /healthz is the baseline. */
  list?: { box: Box; filters: ListFilters; heading: string };
}

export type ListTarget = Target & Required<Pick<Target, "list">>;

/** The list pages by box: their address and heading. */
const boxPages: Record<Box, { path: string; heading: string }> = {
  inbox: { path: "/uebergaben/eingang", heading: "Eingang" },
  outbox: { path: "/uebergaben/gesendet", heading: "Gesendet" },
};

/** A page of a box, e.g. "Eingang, status=sent" at /uebergaben/eingang?status=sent. */
function listTarget(key: string, box: Box, filters: ListFilters = {}): ListTarget {
  const { path, heading } = boxPages[box];
  const query = new URLSearchParams(
    Object.entries(filters).map(([name, value]) => [name, value === true ? "1" : String(value)]),
  ).toString();
  return {
    key,
    label: `${heading}, ${query || "Seite 1"}`,
    path: query ? `${path}?${query}` : path,
    list: { box, filters, heading },
  };
}

export const targets: Target[] = [
  { key: "healthz", label: "/healthz (Grundlinie)", path: "/healthz" },
  listTarget("inbox", "inbox"),
  listTarget("inbox-sent", "inbox", { status: "sent" }),
  listTarget("inbox-overdue", "inbox", { overdue: true }),
  listTarget("outbox", "outbox"),
  listTarget("outbox-accepted", "outbox", { status: "accepted" }),
];

export const listTargets = targets.filter((target): target is ListTarget => !!target.list);

/** How many referrals the list page shows in total, counted in the generated data. */
export function expectedTotal(
  seed: SeedResult,
  organizationId: string,
  target: ListTarget,
): number {
  const { list } = target;
  const today = berlinDate(new Date());
  return seed.referrals.filter((referral) => {
    if (list.box === "inbox") {
      if (referral.receiverOrganizationId !== organizationId || !referral.sent) return false;
    } else if (referral.senderOrganizationId !== organizationId) return false;
    if (list.filters.status && referral.status !== list.filters.status) return false;
    if (
      list.filters.overdue &&
      !(referral.status === "sent" && referral.dueOn !== null && referral.dueOn < today)
    )
      return false;
    return true;
  }).length;
}

/** What the list page must contain: its heading and the seeded total. */
export function listPageMarkers(target: ListTarget, total: number): string[] {
  return [`<h1>${target.list.heading}</h1>`, total === 1 ? "1 Übergabe" : `${total} Übergaben`];
}
