import type { Kysely } from "kysely";
import { figureToMinorUnits, formatMinorUnits, toMinorUnits } from "../../contracts/money.ts";
import { type Difference, reconciledMeasures } from "../../contracts/reconciliation.ts";
import type { Database } from "../../platform/db/schema.ts";
import { summarizeFunding } from "../funding/index.ts";
import { initiativeCodes, publishedTotals, publishers } from "./published.queries.ts";

// The answer's shape is shared with the web (src/contracts/reconciliation.ts).
export type { Difference };

const measures = reconciledMeasures;
type Measure = Difference["measure"];

/**
 * For each partner with an imported IATI publication: what ESCA Hub records per initiative and
 * year (the one roll-up, summarizeFunding, by partner) against what the partner published
 * (its linked activities' transactions), per measure. Lists the groups whose difference is
 * above `thresholdUsd` in absolute value. Imported entries are in the ledger too, so what
 * remains are entries recorded by hand, values without a rate and unlinked activities.
 *
 * Worked example: recorded committed 900,000.00, published 800,000.00 → difference 100,000.00,
 * listed with a threshold of 1,000.00; 800,000.40 against 800,000.00 is not.
 */
export async function reconcilePublications(options: {
  db: Kysely<Database>;
  thresholdUsd: string;
  partnerCodes?: string[];
  publishedOnly: boolean;
}): Promise<Difference[]> {
  const threshold = toMinorUnits(options.thresholdUsd, "USD");
  const all = await publishers(options.db);
  const chosen = options.partnerCodes?.length
    ? all.filter((p) => options.partnerCodes?.includes(p.code))
    : all;
  if (chosen.length === 0) return [];
  const published = await publishedTotals(
    options.db,
    chosen.map((p) => p.partner_id),
  );
  const codes = new Map(
    (
      await initiativeCodes(
        options.db,
        published.flatMap((p) => (p.initiative_id ? [p.initiative_id] : [])),
      )
    ).map((i) => [i.id, i.code]),
  );
  const differences: Difference[] = [];
  for (const partner of chosen) {
    const recorded = await summarizeFunding({
      db: options.db,
      by: ["initiative", "year"],
      filter: { partnerIds: [partner.partner_id], publishedOnly: options.publishedOnly },
    });
    const groups = new Map<
      string,
      {
        initiative: { id: string; code: string } | null;
        year: number | null;
        recorded: Record<Measure, bigint>;
        published: Record<Measure, bigint>;
        unvalued: number;
      }
    >();
    const group = (initiative: { id: string; code: string } | null, year: number | null) => {
      const key = `${initiative?.id ?? ""}/${year ?? ""}`;
      const zero = () => ({ announced: 0n, committed: 0n, disbursed: 0n });
      const found = groups.get(key) ?? {
        initiative,
        year,
        recorded: zero(),
        published: zero(),
        unvalued: 0,
      };
      groups.set(key, found);
      return found;
    };
    for (const row of recorded.rows) {
      const g = group(
        row.key.initiative ? { id: row.key.initiative.id, code: row.key.initiative.code } : null,
        row.key.year ?? null,
      );
      for (const m of measures) g.recorded[m] += figureToMinorUnits(row[m], "USD");
    }
    for (const row of published.filter((p) => p.partner_id === partner.partner_id)) {
      const g = group(
        row.initiative_id
          ? { id: row.initiative_id, code: codes.get(row.initiative_id) ?? "" }
          : null,
        row.year,
      );
      for (const m of measures) g.published[m] += BigInt(row[m]);
      g.unvalued += row.unvalued;
    }
    for (const g of groups.values()) {
      for (const m of measures) {
        const difference = g.recorded[m] - g.published[m];
        if ((difference < 0n ? -difference : difference) <= threshold) continue;
        differences.push({
          partner: {
            id: partner.partner_id,
            code: partner.code,
            name: { es: partner.name_es, en: partner.name_en },
          },
          publisher_ref: partner.publisher_ref,
          initiative: g.initiative,
          year: g.year,
          measure: m,
          recorded_usd: formatMinorUnits(g.recorded[m], "USD"),
          published_usd: formatMinorUnits(g.published[m], "USD"),
          difference_usd: formatMinorUnits(difference, "USD"),
          unvalued: g.unvalued,
        });
      }
    }
  }
  return differences.sort(
    (a, b) =>
      a.partner.code.localeCompare(b.partner.code) ||
      (a.initiative?.code ?? "").localeCompare(b.initiative?.code ?? "") ||
      (a.year ?? 0) - (b.year ?? 0),
  );
}

/** The differences as CSV, one line each, for a spreadsheet. */
export function differencesCsv(rows: Difference[]): string {
  const cell = (value: string | number | null) => {
    const text = value === null ? "" : String(value);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const header =
    "partner,publisher_ref,initiative,year,measure,recorded_usd,published_usd,difference_usd,unvalued";
  const lines = rows.map((r) =>
    [
      r.partner.code,
      r.publisher_ref,
      r.initiative?.code ?? "",
      r.year,
      r.measure,
      r.recorded_usd,
      r.published_usd,
      r.difference_usd,
      r.unvalued,
    ]
      .map(cell)
      .join(","),
  );
  return `${[header, ...lines].join("\r\n")}\r\n`;
}
