/**
 * Synthetic Ideenbörse for the search benchmark (bench/search.ts): three networks, ~60
 * organisations (some in two networks) with one staff member each, and 100,000 ideas whose
 * German texts come from bench/search-corpus.ts. Most ideas are published, some are drafts or
 * archived, a quarter of the published ones are nationwide; adoption counts are skewed. The
 * same seed gives the same texts and facets.
 *
 * Ideas are written with INSERT … SELECT FROM unnest(…) (as bench/referral-seed.ts does: one
 * array parameter per column instead of one parameter per value), in batches, generated batch by
 * batch so that the texts of 100,000 ideas never sit in memory at once.
 */
import { randomUUID } from "node:crypto";
import type { Database } from "~/db/client.server";
import { insertUnnest } from "./bulk-insert";
import {
  ideas,
  networks,
  type IdeaStatus,
  type IdeaVisibility,
  type OrganizationKind,
} from "~/db/schema";
import {
  plainTextOf,
  type BlockNode,
  type InlineNode,
  type RichTextDocument,
} from "~/rich-text/schema";
import { createRandom, type Random } from "./random";
import { generateIdea, placeName, type GeneratedIdea } from "./search-corpus";
import { insertOrganizationsWithStaff } from "./seed-organizations";

export interface SearchSeedOptions {
  ideas: number;
  organizations: number;
  /** Seed of the pseudo-random generator. */
  seed: number;
  /** Rows per INSERT statement. */
  batchRows: number;
  /** INSERT statements in flight while the next batch is generated. */
  concurrency: number;
  now: Date;
  log?: (message: string) => void;
}

export interface SeededNetwork {
  id: string;
  name: string;
  regions: string[];
}

export interface SeededOrganization {
  id: string;
  name: string;
  kind: OrganizationKind;
  networkIds: string[];
  userId: string;
}

export interface SearchSeedResult {
  networks: SeededNetwork[];
  organizations: SeededOrganization[];
  /** All idea ids, in insertion order. */
  ideaIds: string[];
  statusCounts: Record<IdeaStatus, number>;
  visibilityCounts: Record<IdeaVisibility, number>;
  /** Average characters of title + summary + body text. */
  meanTextLength: number;
  timingsMs: { generate: number; insert: number; total: number };
}

const DAY = 24 * 3_600_000;

const networkTemplates: { name: string; regions: string[] }[] = [
  {
    name: "Netzwerk ABC Anhalt-Bitterfeld",
    regions: ["Anhalt-Bitterfeld", "Bitterfeld-Wolfen", "Köthen (Anhalt)", "Zerbst/Anhalt"],
  },
  {
    name: "Netzwerk ABC Ostalb",
    regions: ["Ostalbkreis", "Aalen", "Schwäbisch Gmünd", "Ellwangen"],
  },
  {
    name: "Netzwerk ABC Lahn-Dill",
    regions: ["Lahn-Dill-Kreis", "Wetzlar", "Dillenburg", "Herborn"],
  },
];

const organizationTemplates: { kind: OrganizationKind; name: string; activity: number }[] = [
  { kind: "jobcenter", name: "Jobcenter", activity: 3 },
  { kind: "bildungstraeger", name: "Bildungswerk", activity: 2 },
  { kind: "jugendamt", name: "Jugendamt", activity: 1 },
  { kind: "schuldnerberatung", name: "Schuldner- und Insolvenzberatung", activity: 1 },
  { kind: "agentur_fuer_arbeit", name: "Agentur für Arbeit", activity: 2 },
  { kind: "kommune", name: "Familienbüro", activity: 1 },
  { kind: "migrationsberatung", name: "Migrationsberatung", activity: 1 },
  { kind: "suchtberatung", name: "Suchtberatungsstelle", activity: 0.5 },
  { kind: "psychosozialer_dienst", name: "Sozialpsychiatrischer Dienst", activity: 0.5 },
  { kind: "kammer", name: "Handwerkskammer", activity: 0.5 },
];

/** "Text mit **fett** markierten Stellen" → text nodes, the starred parts bold. */
function inline(text: string): InlineNode[] {
  return text
    .split(/\*\*(.+?)\*\*/)
    .flatMap((part, index): InlineNode[] =>
      part === ""
        ? []
        : [
            index % 2 === 1
              ? { type: "text", text: part, marks: [{ type: "bold" }] }
              : { type: "text", text: part },
          ],
    );
}

/** The tiptap document the editor would have produced: paragraph, heading, list, paragraphs. */
function bodyOf(idea: GeneratedIdea): RichTextDocument {
  const paragraph = (text: string): BlockNode => ({ type: "paragraph", content: inline(text) });
  const [first, ...rest] = idea.paragraphs;
  return {
    type: "doc",
    content: [
      paragraph(first ?? ""),
      { type: "heading", attrs: { level: 2 }, content: inline(idea.heading) },
      {
        type: "bulletList",
        content: idea.list.map((item) => ({ type: "listItem", content: [paragraph(item)] })),
      },
      ...rest.map(paragraph),
    ],
  };
}

function weightedIndex(random: Random, cumulative: readonly number[]): number {
  const roll = random.next() * cumulative[cumulative.length - 1]!;
  const index = cumulative.findIndex((limit) => roll < limit);
  return index === -1 ? cumulative.length - 1 : index;
}

function adoptionCount(random: Random): number {
  const roll = random.next();
  if (roll < 0.6) return 0;
  if (roll < 0.94) return random.int(1, 3);
  if (roll < 0.99) return random.int(4, 20);
  return random.int(21, 60);
}

type IdeaRow = typeof ideas.$inferInsert;

/** Generates and inserts the benchmark data into an empty, migrated database. */
export async function seedSearchBenchmark(
  db: Database,
  options: SearchSeedOptions,
): Promise<SearchSeedResult> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const random = createRandom(options.seed);
  const now = options.now.getTime();
  const historyStart = now - 4 * 365 * DAY;
  const earliest = new Date(historyStart - 30 * DAY);

  // --- networks, organisations, users -------------------------------------------------------
  const seededNetworks: SeededNetwork[] = networkTemplates.map((template) => ({
    id: randomUUID(),
    ...template,
  }));
  const seededOrganizations: (SeededOrganization & { place: string; activity: number })[] = [];
  for (let index = 0; index < options.organizations; index++) {
    const template = organizationTemplates[index % organizationTemplates.length]!;
    const home = index % seededNetworks.length;
    const networkIds = [seededNetworks[home]!.id];
    // The first organisation (the viewer's, a jobcenter) and every seventh one work in two networks.
    if (index === 0 || index % 7 === 3)
      networkIds.push(seededNetworks[(home + 1) % seededNetworks.length]!.id);
    const place = placeName(random);
    seededOrganizations.push({
      id: randomUUID(),
      name: `${template.name} ${place}`,
      kind: template.kind,
      networkIds,
      userId: randomUUID(),
      place,
      activity: template.activity * (0.3 + random.next()),
    });
  }
  let runningActivity = 0;
  const activityCumulative = seededOrganizations.map(
    (organization) => (runningActivity += organization.activity),
  );

  await db.insert(networks).values(
    seededNetworks.map((network) => ({
      id: network.id,
      name: network.name,
      region: network.regions[0]!,
      description: "Synthetische Daten für npm run bench:search",
      createdAt: earliest,
    })),
  );
  await insertOrganizationsWithStaff(
    db,
    seededOrganizations.map((organization, index) => ({
      ...organization,
      city: organization.place,
      userEmail: `fachkraft-${String(index + 1).padStart(2, "0")}@bench-suche.example.org`,
    })),
    // Nobody logs in: the benchmark calls the engine in-process.
    { passwordHash: "bench:kein-login", createdAt: earliest },
  );

  // --- ideas ----------------------------------------------------------------------------------
  const ideaIds: string[] = [];
  const statusCounts: Record<IdeaStatus, number> = { draft: 0, published: 0, archived: 0 };
  const visibilityCounts: Record<IdeaVisibility, number> = { network: 0, nationwide: 0 };
  let textLength = 0;
  let generateMs = 0;
  let insertMs = 0;
  const inFlight: Promise<void>[] = [];
  let lastLog = performance.now();

  for (let start = 0; start < options.ideas; start += options.batchRows) {
    const generateStarted = performance.now();
    const rows: IdeaRow[] = [];
    for (let index = start; index < Math.min(options.ideas, start + options.batchRows); index++) {
      const organization = seededOrganizations[weightedIndex(random, activityCumulative)]!;
      const networkId = random.pick(organization.networkIds);
      const network = seededNetworks.find((candidate) => candidate.id === networkId)!;
      const generated = generateIdea(random, organization.place);
      const roll = random.next();
      const status: IdeaStatus = roll < 0.85 ? "published" : roll < 0.95 ? "draft" : "archived";
      const visibility: IdeaVisibility =
        status !== "draft" && random.chance(0.25) ? "nationwide" : "network";
      statusCounts[status] += 1;
      visibilityCounts[visibility] += 1;
      const createdAt = historyStart + random.next() * (now - historyStart - DAY);
      const publishedAt =
        status === "draft" ? null : Math.min(now, createdAt + random.next() * 10 * DAY);
      const updatedAt = Math.min(
        now,
        (publishedAt ?? createdAt) + (random.chance(0.3) ? random.next() * 60 * DAY : 0),
      );
      const body = bodyOf(generated);
      const bodyText = plainTextOf(body);
      textLength += generated.title.length + generated.summary.length + bodyText.length;
      const id = randomUUID();
      ideaIds.push(id);
      rows.push({
        id,
        organizationId: organization.id,
        networkId: network.id,
        authorUserId: organization.userId,
        status,
        visibility,
        title: generated.title,
        summary: generated.summary,
        body,
        bodyText,
        targetGroups: generated.targetGroups,
        fieldsOfAction: generated.fieldsOfAction,
        region: random.chance(0.9) ? random.pick(network.regions) : "",
        partnerKinds: generated.partnerKinds,
        funding: generated.funding,
        results: generated.results,
        period: generated.period,
        contactName: generated.contactName,
        contactEmail: "kontakt@bench-suche.example.org",
        contactPhone: "",
        adoptionCount: status === "published" ? adoptionCount(random) : 0,
        publishedAt: publishedAt === null ? null : new Date(publishedAt),
        createdAt: new Date(createdAt),
        updatedAt: new Date(updatedAt),
      });
    }
    generateMs += performance.now() - generateStarted;

    const insertStarted = performance.now();
    if (inFlight.length >= Math.max(1, options.concurrency)) await inFlight.shift();
    const insert = insertUnnest(db, ideas, rows as Record<string, unknown>[]);
    insert.catch(() => undefined); // awaited below; this only keeps a failure from going unhandled
    inFlight.push(insert);
    insertMs += performance.now() - insertStarted;
    if (performance.now() - lastLog > 5_000) {
      lastLog = performance.now();
      log(`${ideaIds.length} Ideen erzeugt …`);
    }
  }
  const waitStarted = performance.now();
  await Promise.all(inFlight);
  insertMs += performance.now() - waitStarted;

  return {
    networks: seededNetworks,
    organizations: seededOrganizations.map(
      ({ place: _place, activity: _activity, ...organization }) => organization,
    ),
    ideaIds,
    statusCounts,
    visibilityCounts,
    meanTextLength: textLength / Math.max(1, ideaIds.length),
    timingsMs: { generate: generateMs, insert: insertMs, total: performance.now() - started },
  };
}
