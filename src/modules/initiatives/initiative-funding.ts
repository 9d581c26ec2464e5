import type { Kysely } from "kysely";
import { figureToMinorUnits } from "../../contracts/minor-units.ts";
import type { Database } from "../../platform/db/schema.ts";
import { summarizeFunding } from "../funding/index.ts";
import type { InitiativeFunding } from "./initiatives.schema.ts";

/** An initiative the roll-up has no row for: nothing committed or disbursed, no budget in play. */
const nothing: InitiativeFunding = {
  budget: null,
  committed: "0.00",
  disbursed: "0.00",
  gap: null,
};

/**
 * Each initiative's figures, read from the one funding roll-up (summarizeFunding grouped by
 * initiative), never summed here. `publishedOnly` for a reader who sees published ones only.
 *
 * Example: AC1, budget 1,000,000.00, 400,000.00 committed and 150,000.00 disbursed →
 * { budget: "1000000.00", committed: "400000.00", disbursed: "150000.00", gap: "600000.00" }.
 */
export async function fundingOfInitiatives(
  db: Kysely<Database>,
  ids: string[],
  publishedOnly: boolean,
): Promise<Map<string, InitiativeFunding>> {
  const figures = new Map<string, InitiativeFunding>();
  if (ids.length === 0) return figures;
  const summary = await summarizeFunding({
    db,
    by: ["initiative"],
    filter: { initiativeIds: ids, publishedOnly },
  });
  for (const row of summary.rows) {
    const id = row.key.initiative?.id;
    if (!id || row.remainder) continue;
    figures.set(id, {
      budget: row.budget,
      committed: row.committed,
      disbursed: row.disbursed,
      gap: row.gap,
    });
  }
  return figures;
}

export function fundingOf(figures: Map<string, InitiativeFunding>, id: string): InitiativeFunding {
  return figures.get(id) ?? nothing;
}

/**
 * Orders initiatives by one of their roll-up figures: larger first with `desc`; an initiative
 * without the figure (no budget, so no gap) last either way; equal figures by code.
 */
export function sortByFunding<T extends { id: string; code: string }>(
  rows: T[],
  figures: Map<string, InitiativeFunding>,
  sort: { field: "committed" | "disbursed" | "gap"; direction: "asc" | "desc" },
): T[] {
  const cents = (row: T) => {
    const value = fundingOf(figures, row.id)[sort.field];
    return value === null ? null : figureToMinorUnits(value, "USD");
  };
  const keyed = rows.map((row) => ({ row, cents: cents(row) }));
  keyed.sort((a, b) => {
    if (a.cents === null || b.cents === null) {
      if (a.cents !== b.cents) return a.cents === null ? 1 : -1;
    } else if (a.cents !== b.cents) {
      const ascending = a.cents < b.cents ? -1 : 1;
      return sort.direction === "desc" ? -ascending : ascending;
    }
    return a.row.code < b.row.code ? -1 : a.row.code > b.row.code ? 1 : 0;
  });
  return keyed.map(({ row }) => row);
}
