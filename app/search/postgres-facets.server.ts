import { sql, type SQL } from "drizzle-orm";
import type { Database } from "~/db/client.server";
import { searchFacetValues } from "~/db/schema";
import { facetNames, type FacetCount, type FacetName, type SearchDocument } from "./engine";

/**
 * Facets of the PostgreSQL engine as small integers, because counting them for 20,000 matches
 * must take milliseconds: each value of a list facet is a bit in the document's mask column, a
 * region is a code, the scope is 1 (network) or 2 (nationwide). `search_facet_values` holds the
 * positions; they never change once assigned, so every process caches them and reloads only
 * when it meets a value or bit it does not know (another process may have added it).
 */

/** Bits 0–30 of an integer mask: a list facet can have 31 values (the vocabularies have 6–13). */
export const MAX_LIST_FACET_VALUES = 31;

/** Where a facet lives in `search_documents`: a bit mask, a code, or the visibility (scope). */
interface FacetStorage {
  kind: "mask" | "code" | "scope";
  column: string;
}

const facetStorage: Record<FacetName, FacetStorage> = {
  targetGroups: { kind: "mask", column: "target_groups_mask" },
  fieldsOfAction: { kind: "mask", column: "fields_of_action_mask" },
  region: { kind: "code", column: "region_code" },
  partnerKinds: { kind: "mask", column: "partner_kinds_mask" },
  funding: { kind: "mask", column: "funding_mask" },
  scope: { kind: "scope", column: "visibility" },
};

/** The facets stored in `search_facet_values` (the scope has fixed codes). */
type DictionaryFacet = Exclude<FacetName, "scope">;
const dictionaryFacets = facetNames.filter((facet): facet is DictionaryFacet => facet !== "scope");

const scopeCodes: Record<string, number> = { network: 1, nationwide: 2 };
const scopeValues = new Map(Object.entries(scopeCodes).map(([value, code]) => [code, value]));

export type Executor = Pick<Database, "execute">;

/** The rows of a raw statement (PGlite and node-postgres both answer `{ rows }`). */
export async function rowsOf<T>(executor: Executor, statement: SQL): Promise<T[]> {
  const result = (await executor.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}

class FacetDictionary {
  private readonly positions = new Map<DictionaryFacet, Map<string, number>>();
  private readonly values = new Map<DictionaryFacet, Map<number, string>>();

  constructor(rows: { facet: string; value: string; position: number }[]) {
    for (const facet of dictionaryFacets) {
      this.positions.set(facet, new Map());
      this.values.set(facet, new Map());
    }
    for (const row of rows) {
      const facet = row.facet as DictionaryFacet;
      this.positions.get(facet)?.set(row.value, row.position);
      this.values.get(facet)?.set(row.position, row.value);
    }
  }

  position(facet: DictionaryFacet, value: string): number | undefined {
    return this.positions.get(facet)!.get(value);
  }

  value(facet: DictionaryFacet, position: number): string | undefined {
    return this.values.get(facet)!.get(position);
  }

  /** The next free position: bits count from 0, region codes from 1 (0 means "none"). */
  nextPosition(facet: DictionaryFacet): number {
    const used = [...this.values.get(facet)!.keys()];
    const first = facetStorage[facet].kind === "mask" ? 0 : 1;
    return used.length === 0 ? first : Math.max(...used) + 1;
  }
}

let cachedDictionary: FacetDictionary | undefined;

async function loadDictionary(executor: Executor): Promise<FacetDictionary> {
  const rows = await rowsOf<{ facet: string; value: string; position: number }>(
    executor,
    sql`SELECT facet, value, position FROM ${searchFacetValues}`,
  );
  cachedDictionary = new FacetDictionary(rows);
  return cachedDictionary;
}

async function currentDictionary(executor: Executor): Promise<FacetDictionary> {
  return cachedDictionary ?? loadDictionary(executor);
}

/** The values a document has for one facet (list facets and the region; never empty strings). */
function documentValues(document: SearchDocument, facet: DictionaryFacet): string[] {
  return facet === "region" ? [document.region].filter((value) => value !== "") : document[facet];
}

/**
 * Makes sure every facet value of the (cleaned) documents has a position, adding the new ones
 * under a table lock so that two processes cannot hand out the same bit.
 */
export async function ensureFacetPositions(
  db: Database,
  documents: SearchDocument[],
): Promise<FacetDictionary> {
  const needed = (dictionary: FacetDictionary) =>
    dictionaryFacets.flatMap((facet) =>
      [...new Set(documents.flatMap((document) => documentValues(document, facet)))]
        .filter((value) => dictionary.position(facet, value) === undefined)
        .map((value) => ({ facet, value })),
    );
  const cached = await currentDictionary(db);
  if (needed(cached).length === 0) return cached;

  await db.transaction(async (transaction) => {
    await transaction.execute(sql`LOCK TABLE ${searchFacetValues} IN EXCLUSIVE MODE`);
    const dictionary = await loadDictionary(transaction);
    const missing = needed(dictionary);
    const rows: { facet: string; value: string; position: number }[] = [];
    for (const facet of dictionaryFacets) {
      let next = dictionary.nextPosition(facet);
      for (const { value } of missing.filter((entry) => entry.facet === facet)) {
        if (facetStorage[facet].kind === "mask" && next >= MAX_LIST_FACET_VALUES) {
          throw new Error(
            `Suchindex: Die Facette „${facet}“ kann höchstens ${MAX_LIST_FACET_VALUES} Werte haben; „${value}“ ist einer zu viel. / Facet ${facet} is limited to ${MAX_LIST_FACET_VALUES} values.`,
          );
        }
        rows.push({ facet, value, position: next });
        next += 1;
      }
    }
    if (rows.length > 0) await transaction.insert(searchFacetValues).values(rows);
  });
  return loadDictionary(db);
}

/** A document's facet columns, computed with a dictionary that knows all its values. */
export function facetColumnsOf(
  dictionary: FacetDictionary,
  document: SearchDocument,
): {
  targetGroupsMask: number;
  fieldsOfActionMask: number;
  partnerKindsMask: number;
  fundingMask: number;
  regionCode: number;
} {
  const mask = (facet: DictionaryFacet) =>
    maskOf(documentValues(document, facet).map((value) => dictionary.position(facet, value)!));
  return {
    targetGroupsMask: mask("targetGroups"),
    fieldsOfActionMask: mask("fieldsOfAction"),
    partnerKindsMask: mask("partnerKinds"),
    fundingMask: mask("funding"),
    regionCode: document.region === "" ? 0 : dictionary.position("region", document.region)!,
  };
}

/** Facet filters translated into positions; a value nobody has matches nothing. */
interface FacetFilters {
  conditions: Map<FacetName, (alias: string) => SQL>;
}

/**
 * Turns the chosen values into conditions on the columns of facetSourceColumns. Reloads the
 * dictionary once when a value is unknown, because another process may just have added it.
 */
export async function facetFilters(
  executor: Executor,
  active: Map<FacetName, string[]>,
): Promise<FacetFilters> {
  let dictionary = await currentDictionary(executor);
  const unknown = () =>
    [...active].some(
      ([facet, values]) =>
        facet !== "scope" &&
        values.some((value) => dictionary.position(facet, value) === undefined),
    );
  if (unknown()) dictionary = await loadDictionary(executor);

  const conditions = new Map<FacetName, (alias: string) => SQL>();
  for (const [facet, values] of active) {
    const storage = facetStorage[facet];
    if (storage.kind === "scope") {
      const scopes = values.filter((value) => value in scopeCodes);
      conditions.set(facet, (alias) =>
        scopes.length === 0
          ? sql`false`
          : sql`${sql.raw(alias)}.visibility::text IN (${sql.join(
              scopes.map((scope) => sql`${scope}`),
              sql`, `,
            )})`,
      );
      continue;
    }
    const positions = values.flatMap(
      (value) => dictionary.position(facet as DictionaryFacet, value) ?? [],
    );
    const column = (alias: string) => sql.raw(`${alias}.${storage.column}`);
    conditions.set(facet, (alias) =>
      storage.kind === "mask"
        ? positions.length === 0
          ? sql`false`
          : sql`(${column(alias)} & ${maskOf(positions)}::int) <> 0`
        : integerIn(column(alias), positions),
    );
  }
  return { conditions };
}

/** The integer with the bits of the given positions set. */
function maskOf(positions: number[]): number {
  return positions.reduce((bits, bit) => bits | (1 << bit), 0);
}

function integerIn(expression: SQL, values: number[]): SQL {
  if (values.length === 0) return sql`false`;
  return sql`${expression} IN (${sql.join(
    values.map((value) => sql`${value}::int`),
    sql`, `,
  )})`;
}

/** All chosen facets' conditions AND-ed, leaving out `except` (for its disjunctive counts). */
export function filtersCondition(
  filters: FacetFilters,
  except: FacetName | undefined,
  alias: string,
): SQL {
  const conditions = [...filters.conditions]
    .filter(([facet]) => facet !== except)
    .map(([, condition]) => condition(alias));
  return conditions.length === 0 ? sql`true` : sql.join(conditions, sql` AND `);
}

/**
 * Rows that can count anywhere: with two or more filters, a row failing two of them passes the
 * *other* filters of no facet, so it is neither a hit nor part of any count.
 */
export function countableCondition(filters: FacetFilters, alias: string): SQL {
  if (filters.conditions.size < 2) return sql`true`;
  const failures = sql.join(
    [...filters.conditions.values()].map(
      (condition) => sql`(CASE WHEN ${condition(alias)} THEN 0 ELSE 1 END)`,
    ),
    sql` + `,
  );
  return sql`(${failures}) <= 1`;
}

/**
 * The columns of `search_documents` (under `alias`) that filters and counts work on; the rows
 * they are applied to (`matched`) must carry them under these names.
 */
export function facetSourceColumns(alias: string): SQL {
  return sql.raw(
    Object.values(facetStorage)
      .map(({ column }) => `${alias}.${column}`)
      .join(", "),
  );
}

function countedColumn(facet: FacetName, alias: string): SQL {
  const storage = facetStorage[facet];
  return storage.kind === "scope"
    ? sql.raw(
        `(CASE ${alias}.visibility WHEN 'network' THEN ${scopeCodes.network} ELSE ${scopeCodes.nationwide} END)`,
      )
    : sql.raw(`${alias}.${storage.column}`);
}

/**
 * One pass over `matched` (columns from facetSourceColumns) that yields rows
 * (kind, key, count, passing): per facet the count of every distinct mask or code among rows that
 * pass the *other* facets' filters (disjunctive counts), and one row of kind 'total' whose
 * `passing` counts the rows passing every filter.
 */
export function facetCountStatement(filters: FacetFilters, matched: SQL): SQL {
  const keyed = sql.join(
    [
      ...facetNames.map(
        (facet) =>
          sql`CASE WHEN ${filtersCondition(filters, facet, "m")} THEN ${countedColumn(facet, "m")} END AS ${sql.identifier(facet)}`,
      ),
      sql`(${filtersCondition(filters, undefined, "m")}) AS passes`,
    ],
    sql`, `,
  );
  const kind = sql.join(
    facetNames.map((facet) => sql`WHEN GROUPING(c.${sql.identifier(facet)}) = 0 THEN ${facet}`),
    sql` `,
  );
  const key = sql.join(
    facetNames.map((facet) => sql`c.${sql.identifier(facet)}`),
    sql`, `,
  );
  const sets = sql.join(
    [...facetNames.map((facet) => sql`(c.${sql.identifier(facet)})`), sql`()`],
    sql`, `,
  );
  return sql`SELECT CASE ${kind} ELSE 'total' END AS kind, coalesce(${key}) AS key,
      count(*)::int AS count, (count(*) FILTER (WHERE c.passes))::int AS passing
    FROM (SELECT ${keyed} FROM ${matched} m) c
    GROUP BY GROUPING SETS (${sets})`;
}

export interface FacetCountRow {
  kind: string;
  key: number | null;
  count: number;
  passing: number;
}

/**
 * Turns the grouped masks and codes into counts per value. A bit or code this process does not
 * know yet (added by another process) makes it reload the dictionary once.
 */
export async function decodeFacetCounts(
  executor: Executor,
  rows: FacetCountRow[],
): Promise<{ total: number; facets: Record<FacetName, FacetCount[]> }> {
  let dictionary = await currentDictionary(executor);
  const lookUp = (facet: FacetName, position: number) =>
    facet === "scope" ? scopeValues.get(position) : dictionary.value(facet, position);
  const positionsOf = (facet: FacetName, key: number) =>
    facetStorage[facet].kind === "mask"
      ? Array.from({ length: MAX_LIST_FACET_VALUES }, (_, bit) => bit).filter(
          (bit) => (key & (1 << bit)) !== 0,
        )
      : [key];
  const facetRows = rows.filter(
    (row): row is FacetCountRow & { key: number } =>
      row.kind !== "total" && row.key !== null && row.key !== 0,
  );
  const unknown = facetRows.some((row) =>
    positionsOf(row.kind as FacetName, row.key).some(
      (position) => lookUp(row.kind as FacetName, position) === undefined,
    ),
  );
  if (unknown) dictionary = await loadDictionary(executor);

  const counts = new Map<FacetName, Map<string, number>>(
    facetNames.map((facet) => [facet, new Map()]),
  );
  for (const row of facetRows) {
    const facet = row.kind as FacetName;
    for (const position of positionsOf(facet, row.key)) {
      const value = lookUp(facet, position);
      if (value === undefined) continue;
      const perValue = counts.get(facet)!;
      perValue.set(value, (perValue.get(value) ?? 0) + row.count);
    }
  }
  const facets = Object.fromEntries(
    facetNames.map((facet) => [
      facet,
      [...counts.get(facet)!].map(([value, count]) => ({ value, count })).sort(compareFacetCounts),
    ]),
  ) as Record<FacetName, FacetCount[]>;
  const total = rows.find((row) => row.kind === "total")?.passing ?? 0;
  return { total, facets };
}

/** Most frequent first, then alphabetically (German collation, so "Ü50" sorts next to "U25"). */
function compareFacetCounts(a: FacetCount, b: FacetCount): number {
  return b.count - a.count || a.value.localeCompare(b.value, "de");
}
