import type { Kysely } from "kysely";
import type { RollupDimension } from "../../contracts/enums.ts";
import { figureToMinorUnits, formatMinorUnits, percentage } from "../../contracts/money.ts";
import type { Database } from "../../platform/db/schema.ts";
import {
  type FundingFilter,
  type FundingRollupRow,
  selectFundingRollup,
} from "./funding.queries.ts";
import type { FundingKey, FundingMeasures, FundingRow, FundingSummary } from "./funding.schema.ts";

export type { FundingFilter, FundingKey, FundingMeasures, FundingRow, FundingSummary };

/**
 * Budget, announced, committed and disbursed USD for the whole strategy or grouped by any of
 * component, country, partner, year and initiative. Every figure the platform shows about
 * funding comes from here (API, CLI, reports, the secured-funding rule), in the shape
 * GET /api/funding/summary returns: USD decimal strings, summed and derived in US cents.
 *
 * Worked example: budget 1,000,000.00, pledges 700,000.00, commitments 400,000.00 →
 * announced_not_committed 300,000.00, coverage_pct "40.00", gap 600,000.00. With 1,200,000.00
 * committed instead: announced_not_committed 0.00 (never negative), coverage_pct "120.00",
 * gap 0.00. Because of those floors, gaps of the groups may add up to more than the total
 * gap (one component over-funded does not fill another's gap); the sums themselves add up.
 */
export async function summarizeFunding(options: {
  db: Kysely<Database>;
  by: RollupDimension[];
  filter?: FundingFilter;
}): Promise<FundingSummary> {
  const by = [...new Set(options.by)];
  const filter = options.filter ?? {};
  const includeBudget =
    !by.includes("partner") &&
    !by.includes("year") &&
    !filter.partnerIds?.length &&
    !filter.years?.length;
  const rows = await selectFundingRollup(options.db, { by, filter, includeBudget });
  const totalRow = rows.find((row) => row.is_total);
  return {
    by,
    currency: "USD",
    rows: rows
      .filter((row) => !row.is_total)
      .map((row): FundingRow => ({ key: toKey(row, by), ...toMeasures(row, includeBudget) })),
    // The empty grouping set always yields a row; the fallback only satisfies the types.
    total: totalRow ? toMeasures(totalRow, includeBudget) : zeroMeasures(includeBudget),
  };
}

/** Secured funding: committed covers the budget (false when there is no budget to cover). */
export function isBudgetCovered(measures: FundingMeasures): boolean {
  if (measures.budget === null) return false;
  const cents = (figure: string) => figureToMinorUnits(figure, "USD");
  return cents(measures.committed) >= cents(measures.budget);
}

type Sums = Pick<FundingRollupRow, "budget" | "offered" | "announced" | "committed" | "disbursed">;

function toMeasures(sums: Sums, includeBudget: boolean): FundingMeasures {
  const budget = includeBudget ? sums.budget : null;
  const usd = (cents: bigint) => formatMinorUnits(cents, "USD");
  const floor0 = (cents: bigint) => usd(cents > 0n ? cents : 0n);
  return {
    budget: budget === null ? null : usd(budget),
    offered: usd(sums.offered),
    announced: usd(sums.announced),
    committed: usd(sums.committed),
    disbursed: usd(sums.disbursed),
    announced_not_committed: floor0(sums.announced - sums.committed),
    coverage_pct: budget === null ? null : percentage(sums.committed, budget),
    gap: budget === null ? null : floor0(budget - sums.committed),
  };
}

function zeroMeasures(includeBudget: boolean): FundingMeasures {
  const zero = { budget: 0n, offered: 0n, announced: 0n, committed: 0n, disbursed: 0n };
  return toMeasures(zero, includeBudget);
}

function toKey(row: FundingRollupRow, by: RollupDimension[]): FundingKey {
  const key: FundingKey = {};
  for (const dimension of by) {
    if (dimension === "component") {
      key.component = row.component_id
        ? {
            id: row.component_id,
            code: row.component_code ?? "",
            name: { es: row.component_name_es ?? "", en: row.component_name_en ?? "" },
          }
        : null;
    } else if (dimension === "partner") {
      key.partner = row.partner_id
        ? {
            id: row.partner_id,
            code: row.partner_code ?? "",
            name: { es: row.partner_name_es ?? "", en: row.partner_name_en ?? "" },
          }
        : null;
    } else if (dimension === "initiative") {
      key.initiative = row.initiative_id
        ? {
            id: row.initiative_id,
            code: row.initiative_code ?? "",
            title: { es: row.initiative_title_es, en: row.initiative_title_en },
          }
        : null;
    } else if (dimension === "country") {
      key.country = row.country;
    } else {
      key.year = row.year;
    }
  }
  return key;
}
