import type { Kysely } from "kysely";
import type { RollupDimension } from "../../contracts/enums.ts";
import { figureToMinorUnits, formatMinorUnits, percentage } from "../../contracts/money.ts";
import type { Database } from "../../platform/db/schema.ts";
import {
  type FundingFilter,
  type FundingRollupRow,
  selectFundingRollup,
} from "./funding.queries.ts";
import type {
  FundingKey,
  FundingMeasures,
  FundingRemainder,
  FundingRow,
  FundingSummary,
} from "./funding.schema.ts";

export type {
  FundingFilter,
  FundingKey,
  FundingMeasures,
  FundingRemainder,
  FundingRow,
  FundingSummary,
};

/**
 * Budget, announced, committed and disbursed USD for the whole strategy or grouped by any of
 * component, country, partner, year and initiative. Every figure the platform shows about
 * funding comes from here (API, CLI, reports, the secured-funding rule), in the shape
 * GET /api/funding/summary returns: USD decimal strings, summed and derived in US cents.
 * docs/MEASURES.md defines each measure in the words the portal uses.
 *
 * Every total is the sum of its rows, to the cent, for every measure but coverage: the gap
 * and "announced, not yet committed" are worked out at their own grain (initiative; partner)
 * and then summed. Where rows carry a budget (grouped by component, country or initiative),
 * support allocated to no initiative is a remainder row of its own (`remainder`), never
 * netted against a group's gap.
 *
 * Worked example: initiative AC1, budget 1,000,000.00, 400,000.00 committed to it; the EU
 * also commits 129,390.00 to component B but to no initiative → AC1's gap 600,000.00; by
 * component the rows are A (committed 400,000.00, gap 600,000.00) and the remainder "B, not
 * yet allocated to an initiative" (committed 129,390.00, no budget, no gap); the total says
 * committed 529,390.00, committed_not_allocated 129,390.00, gap 600,000.00, coverage 40.00 %
 * (what is committed to initiatives ÷ their budget).
 *
 * Grouped by finance_type (IATI code, null where not stated) any measure but the budget, its
 * gap and coverage splits into grants, loans…: the 2011 announcements, 1,950,000,000.00,
 * split into 421 (standard loan) 1,500,000,000.00 and 110 (standard grant) 450,000,000.00.
 */
export async function summarizeFunding(options: {
  db: Kysely<Database>;
  by: RollupDimension[];
  filter?: FundingFilter;
}): Promise<FundingSummary> {
  const by = [...new Set(options.by)];
  const filter = options.filter ?? {};
  const shape: MeasureShape = {
    // Budgets have no partner, no year and no finance type.
    budget:
      !filter.conferenceIds?.length &&
      !filter.conferenceSessionIds?.length &&
      !by.includes("partner") &&
      !by.includes("year") &&
      !by.includes("finance_type") &&
      !filter.partnerIds?.length &&
      !filter.years?.length &&
      !filter.financeTypes?.length,
    // A pledge of one year may be committed in another: open pledges have no year.
    notCommitted: !by.includes("year") && !filter.years?.length,
  };
  const rows = await selectFundingRollup(options.db, {
    by,
    filter,
    includeBudget: shape.budget,
    includeNotCommitted: shape.notCommitted,
  });
  const totalRow = rows.find((row) => row.is_total);
  return {
    by,
    currency: "USD",
    rows: rows
      .filter((row) => !row.is_total)
      .map(
        (row): FundingRow => ({
          key: toKey(row, by),
          remainder: remainderOf(row, by),
          ...toMeasures(row, row.not_allocated ? { ...shape, budget: false } : shape),
        }),
      ),
    // The empty grouping set always yields a row; the fallback only satisfies the types.
    total: totalRow ? toMeasures(totalRow, shape) : zeroMeasures(shape),
  };
}

/**
 * What a remainder row holds: support to no initiative; grouped by component, the part
 * announced to no component at all (a region-wide announcement no partner allocated, such
 * as the 2011 conference pledges) is a remainder of its own, apart from the support given
 * to a component but to none of its initiatives.
 */
function remainderOf(row: FundingRollupRow, by: RollupDimension[]): FundingRemainder {
  if (!row.not_allocated) return null;
  return by.includes("component") && row.component_id === null
    ? "not_allocated_to_component"
    : "not_allocated_to_initiative";
}

/** Secured funding: committed covers the budget (false when there is no budget to cover). */
export function isBudgetCovered(measures: FundingMeasures): boolean {
  if (measures.budget === null) return false;
  const cents = (figure: string) => figureToMinorUnits(figure, "USD");
  return cents(measures.committed) >= cents(measures.budget);
}

/** Which measures apply: budget, coverage and gap; "announced, not yet committed". */
interface MeasureShape {
  budget: boolean;
  notCommitted: boolean;
}

type Sums = Pick<
  FundingRollupRow,
  | "budget"
  | "offered"
  | "announced"
  | "committed"
  | "disbursed"
  | "gap"
  | "not_committed"
  | "committed_not_allocated"
>;

function toMeasures(sums: Sums, shape: MeasureShape): FundingMeasures {
  const usd = (cents: bigint) => formatMinorUnits(cents, "USD");
  // Coverage counts only what is committed to initiatives: support to no initiative covers
  // no budget. 400,000.00 committed to initiatives of 1,000,000.00 budget → "40.00".
  const committedToInitiatives = sums.committed - sums.committed_not_allocated;
  return {
    budget: shape.budget ? usd(sums.budget) : null,
    offered: usd(sums.offered),
    announced: usd(sums.announced),
    committed: usd(sums.committed),
    committed_not_allocated: usd(sums.committed_not_allocated),
    disbursed: usd(sums.disbursed),
    announced_not_committed: shape.notCommitted ? usd(sums.not_committed) : null,
    coverage_pct: shape.budget ? percentage(committedToInitiatives, sums.budget) : null,
    gap: shape.budget ? usd(sums.gap) : null,
  };
}

function zeroMeasures(shape: MeasureShape): FundingMeasures {
  const zero = {
    budget: 0n,
    offered: 0n,
    announced: 0n,
    committed: 0n,
    disbursed: 0n,
    gap: 0n,
    not_committed: 0n,
    committed_not_allocated: 0n,
  };
  return toMeasures(zero, shape);
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
    } else if (dimension === "finance_type") {
      key.finance_type = row.finance_type as FundingKey["finance_type"];
    } else if (dimension === "country") {
      key.country = row.country;
    } else {
      key.year = row.year;
    }
  }
  return key;
}
