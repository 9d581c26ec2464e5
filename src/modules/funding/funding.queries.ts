import { type Kysely, type RawBuilder, sql } from "kysely";
import type { RollupDimension } from "../../contracts/enums.ts";
import type { Database } from "../../platform/db/schema.ts";

/** Which facts count; an absent or empty list does not filter. */
export interface FundingFilter {
  componentIds?: string[];
  countries?: string[];
  partnerIds?: string[];
  years?: number[];
  initiativeIds?: string[];
  /**
   * Only what the public may see: published initiatives, and support not yet allocated to
   * an initiative. Set for every caller but the secretariat and admins.
   */
  publishedOnly?: boolean;
}

/** One group of the roll-up (or the total, is_total), in US cents, with its names. */
export interface FundingRollupRow {
  is_total: boolean;
  component_id: string | null;
  component_code: string | null;
  component_name_es: string | null;
  component_name_en: string | null;
  country: string | null;
  partner_id: string | null;
  partner_code: string | null;
  partner_name_es: string | null;
  partner_name_en: string | null;
  year: number | null;
  initiative_id: string | null;
  initiative_code: string | null;
  initiative_title_es: string | null;
  initiative_title_en: string | null;
  budget: bigint;
  offered: bigint;
  announced: bigint;
  committed: bigint;
  disbursed: bigint;
}

/** Fact columns by dimension, with the SQL type an ungrouped column is nulled as. */
const dimensionColumns = {
  component: { column: "component_id", type: "uuid" },
  country: { column: "country", type: "text" },
  partner: { column: "partner_id", type: "uuid" },
  year: { column: "year", type: "int" },
  initiative: { column: "initiative_id", type: "uuid" },
} as const satisfies Record<RollupDimension, { column: string; type: string }>;

/**
 * Budget facts: one per initiative still in play, at the USD value fixed when its budget
 * was written. They have no partner and no year, so they are left out when the caller groups
 * or filters by either (`includeBudget` false).
 */
const budgetFacts = sql`
  select 'budget' as measure, i.component_id, i.lead_country::text as country,
    null::uuid as partner_id, null::int as year, i.id as initiative_id,
    i.budget_usd_minor as usd_minor, i.published_at is not null as published
  from initiatives i
  where i.status not in ('rejected', 'cancelled')`;

/**
 * Flow facts: every ledger row, reversals included (their negated amounts net the reversed
 * entry out). Unallocated support has no initiative and so no country.
 */
const flowFacts = sql`
  select f.flow_type as measure, f.component_id, i.lead_country::text as country,
    f.partner_id, extract(year from f.value_date)::int as year, f.initiative_id, f.usd_minor,
    (f.initiative_id is null or i.published_at is not null) as published
  from support_flows f
  left join initiatives i on i.id = f.initiative_id`;

function filterConditions(filter: FundingFilter): RawBuilder<unknown>[] {
  const inList = (column: string, values: ReadonlyArray<string | number> | undefined) =>
    values?.length ? [sql`${sql.ref(column)} in (${sql.join(values)})`] : [];
  return [
    ...inList("component_id", filter.componentIds),
    ...inList("country", filter.countries),
    ...inList("partner_id", filter.partnerIds),
    ...inList("year", filter.years),
    ...inList("initiative_id", filter.initiativeIds),
    ...(filter.publishedOnly ? [sql`published`] : []),
  ];
}

/**
 * US cents of one measure, summed as PostgreSQL sums bigint: in numeric, which cannot overflow
 * (a ::bigint cast of the sum could, past 92 billion billion cents), read back as an exact
 * decimal string and turned into a bigint here.
 */
const usdOf = (measure: string) =>
  sql<string>`coalesce(sum(usd_minor) filter (where measure = ${measure}), 0)`;

const measures = ["budget", "offered", "announced", "committed", "disbursed"] as const;
type SummedRow = Omit<FundingRollupRow, (typeof measures)[number]> &
  Record<(typeof measures)[number], string>;

/**
 * THE funding roll-up: the only query in ESCA Hub that sums budgets and flows. One statement
 * returns the groups and the total (grouping sets `((dims…), ())`), so both come from the
 * same facts, the same filter and the same snapshot.
 */
export async function selectFundingRollup(
  db: Kysely<Database>,
  options: { by: readonly RollupDimension[]; filter: FundingFilter; includeBudget: boolean },
): Promise<FundingRollupRow[]> {
  const grouped = options.by.map((d) => sql.ref(dimensionColumns[d].column));
  const columns = Object.entries(dimensionColumns).map(([dimension, { column, type }]) =>
    options.by.includes(dimension as RollupDimension)
      ? sql.ref(column)
      : sql`null::${sql.raw(type)} as ${sql.ref(column)}`,
  );
  const conditions = filterConditions(options.filter);
  const facts = options.includeBudget ? sql`${budgetFacts} union all ${flowFacts}` : flowFacts;
  const where = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const groupBy = grouped.length ? sql`group by grouping sets ((${sql.join(grouped)}), ())` : sql``;
  const isTotal = grouped.length ? sql`grouping(${sql.join(grouped)}) <> 0` : sql`true`;

  const result = await sql<SummedRow>`
    with facts as (${facts}),
    grouped as (
      select ${sql.join(columns)}, ${isTotal} as is_total,
        ${usdOf("budget")} as budget, ${usdOf("offer")} as offered,
        ${usdOf("pledge")} as announced, ${usdOf("commitment")} as committed,
        ${usdOf("disbursement")} as disbursed
      from facts ${where} ${groupBy}
    )
    select g.*,
      c.code::text as component_code, c.name_es as component_name_es,
      c.name_en as component_name_en,
      p.code as partner_code, p.name_es as partner_name_es, p.name_en as partner_name_en,
      i.code as initiative_code, i.title_es as initiative_title_es,
      i.title_en as initiative_title_en
    from grouped g
    left join strategy_components c on c.id = g.component_id
    left join organizations p on p.id = g.partner_id
    left join initiatives i on i.id = g.initiative_id
    order by g.is_total, c.code, g.country, p.code, g.year, i.code`.execute(db);
  return result.rows.map((row) => ({
    ...row,
    budget: BigInt(row.budget),
    offered: BigInt(row.offered),
    announced: BigInt(row.announced),
    committed: BigInt(row.committed),
    disbursed: BigInt(row.disbursed),
  }));
}
