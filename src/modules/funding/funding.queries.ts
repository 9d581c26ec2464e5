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
  /** IATI FinanceType codes: only entries of these (budgets have none, so they drop out). */
  financeTypes?: string[];
  /**
   * Only what the public may see: published initiatives, and support not yet allocated to
   * an initiative. Set for every caller but the secretariat and admins.
   */
  publishedOnly?: boolean;
  /**
   * Only the support announced at these conferences and what followed from it: their
   * pledges, the commitments made against those pledges, the disbursements against those
   * commitments (reversals with what they reverse). Budgets have no conference.
   */
  conferenceIds?: string[];
  /** As conferenceIds, for the pledges announced at these sessions. */
  conferenceSessionIds?: string[];
  /**
   * The ledger as it stood at this instant: only entries (and reversals) recorded by then,
   * initiatives created by then with their status of then (the last transition by then), and,
   * with publishedOnly, published by then. The ledger is append-only, so the figures of a past
   * instant never change. Budgets are read at their current amount: an initiative's budget
   * edited after the instant is not rolled back.
   */
  asOf?: Date;
}

/** One group of the roll-up (or the total, is_total), in US cents, with its names. */
export interface FundingRollupRow {
  is_total: boolean;
  /** The group holds support allocated to no initiative (a remainder row). */
  not_allocated: boolean;
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
  /** IATI FinanceType code; null where the entry does not state one. */
  finance_type: string | null;
  budget: bigint;
  offered: bigint;
  announced: bigint;
  committed: bigint;
  disbursed: bigint;
  gap: bigint;
  not_committed: bigint;
  committed_not_allocated: bigint;
}

/** Fact columns by dimension, with the SQL type an ungrouped column is nulled as. */
const dimensionColumns = {
  component: { column: "component_id", type: "uuid" },
  country: { column: "country", type: "text" },
  partner: { column: "partner_id", type: "uuid" },
  year: { column: "year", type: "int" },
  initiative: { column: "initiative_id", type: "uuid" },
  finance_type: { column: "finance_type", type: "text" },
} as const satisfies Record<RollupDimension, { column: string; type: string }>;

/** Dimensions whose rows carry a budget: there, support to no initiative is a row of its own. */
export const ALLOCATING_DIMENSIONS: readonly RollupDimension[] = [
  "component",
  "country",
  "initiative",
];

/**
 * Budget facts: one per initiative still in play, at the USD value fixed when its budget
 * was written. They have no partner and no year.
 */
const budgetFacts = (visible: RawBuilder<unknown>, asOf: Date | undefined) => sql`
  select 'budget' as measure, i.component_id, i.lead_country::text as country,
    null::uuid as partner_id, null::int as year, i.id as initiative_id,
    null::text as finance_type, i.budget_usd_minor::numeric as usd_minor
  from initiatives i
  where ${statusAsOf(asOf)} not in ('rejected', 'cancelled') and ${visible}
    ${asOf ? sql`and i.created_at <= ${asOf}` : sql``}`;

/** An initiative's status, now or as its last transition recorded by `asOf` left it. */
const statusAsOf = (asOf: Date | undefined) =>
  asOf
    ? sql`coalesce((select t.to_status from initiative_transitions t
        where t.initiative_id = i.id and t.at <= ${asOf} order by t.seq desc limit 1), i.status)`
    : sql`i.status`;

/**
 * Flow facts: the ledger summed at the finest grain any measure needs (flow type, partner,
 * initiative, component, finance type, and year when the roll-up groups or filters by it),
 * reversals included (their negated amounts net the reversed entry out). Everything after
 * adds these sums up again, so it works on thousands of rows however long the ledger grows.
 * Without a condition on single entries, the sums come from support_flow_sums, which the
 * ledger's insert trigger keeps at that grain, with and without the year (20261209000000): a
 * few thousand rows read instead of every entry, the same figures since sums of sums are the same sums
 * (bench/rollup.mjs measures it on 1,000,000 entries). Conditions on an entry (recorded by
 * asOf, the conference it follows from) need the entries themselves: they are summed from
 * the ledger, with the condition applied before summing. Conditions on its initiative
 * (visibility) apply after, on its sums.
 * Support to an initiative counts in the initiative's component (even if the initiative
 * moved since); unallocated support has no initiative and so no country, and a region-wide
 * announcement no partner allocated has no component either.
 */
const flowFacts = (
  entryCondition: RawBuilder<unknown> | null,
  visible: RawBuilder<unknown>,
  asOf: Date | undefined,
  byYear: boolean,
) => sql`
  select f.measure, coalesce(i.component_id, f.component_id) as component_id,
    i.lead_country::text as country, f.partner_id, f.year, f.initiative_id, f.finance_type,
    f.usd_minor
  from (${entryCondition || asOf ? ledgerSums(entryCondition, asOf, byYear) : keptSums(byYear)}) f
  left join initiatives i on i.id = f.initiative_id
  where ${visible}`;

/** The ledger's entries that meet a condition, summed (see flowFacts). */
const ledgerSums = (
  entryCondition: RawBuilder<unknown> | null,
  asOf: Date | undefined,
  byYear: boolean,
) => sql`
  select flow_type as measure, partner_id, initiative_id, component_id, finance_type,
    ${byYear ? sql`extract(year from value_date)::int` : sql`null::int`} as year,
    sum(usd_minor) as usd_minor
  from support_flows f
  where ${entryCondition ?? sql`true`} ${asOf ? sql`and f.recorded_at <= ${asOf}` : sql``}
  group by flow_type, partner_id, initiative_id, component_id, finance_type
    ${byYear ? sql`, extract(year from value_date)::int` : sql``}`;

/** The whole ledger's sums as the insert trigger keeps them, by year only when asked. */
const keptSums = (byYear: boolean) =>
  byYear
    ? sql`select flow_type as measure, partner_id, initiative_id, component_id, finance_type,
        year, usd_minor from support_flow_sums_by_year`
    : sql`select flow_type as measure, partner_id, initiative_id, component_id, finance_type,
        null::int as year, usd_minor from support_flow_sums`;

/**
 * The two measures that are not plain sums of the ledger, each computed once, at its own
 * grain, and then summed like any other fact (so every grouping adds up to the total):
 *
 * - gap: per initiative, max(budget − committed to it, 0). Support to no initiative fills
 *   nobody's gap. Budget 1,000,000.00, committed 1,200,000.00 → gap 0.00, not −200,000.00.
 * - not_committed ("announced, not yet committed"): per partner, max(announced − committed,
 *   0), attributed to the partner's pledges that are still open. Each pledge slot (an
 *   initiative, or a component for support not yet allocated to one) first meets its own
 *   commitments; the partner's commitments beyond what it pledged to their slot then meet
 *   its open pledges in order: those not allocated to an initiative first (by component
 *   code), then those to initiatives (by code). A slot is also split by finance type, so
 *   that a partner's loan and grant pledges stay apart; the partner's total is the same.
 *   Example: the IDB pledges 500 to component B
 *   and 100 to AF9, and commits 80 to AF9 and 300 to AF8 → AF9 open 20, B open 500, spare
 *   300 → B keeps 200 open, AF9 its 20: 220 = (600 − 380), as the partner total says.
 */
const derivedFacts = sql`
  , gaps as (
    select 'gap' as measure, b.component_id, b.country, null::uuid as partner_id,
      null::int as year, b.initiative_id, null::text as finance_type,
      greatest(b.usd_minor - coalesce(c.committed, 0), 0) as usd_minor
    from visible_budgets b
    left join (
      select initiative_id, sum(usd_minor) as committed from visible_flows
      where measure = 'commitment' and initiative_id is not null group by initiative_id
    ) c on c.initiative_id = b.initiative_id
  ),
  slots as (
    select s.*, greatest(s.balance, 0) as open, greatest(-s.balance, 0) as spare
    from (
      select partner_id, component_id, initiative_id, country, finance_type,
        coalesce(sum(usd_minor) filter (where measure = 'pledge'), 0)
          - coalesce(sum(usd_minor) filter (where measure = 'commitment'), 0) as balance
      from visible_flows where measure in ('pledge', 'commitment')
      group by partner_id, component_id, initiative_id, country, finance_type
    ) s
  ),
  ordered_slots as (
    select s.*,
      sum(s.spare) over (partition by s.partner_id) as partner_spare,
      coalesce(sum(s.open) over (
        partition by s.partner_id
        order by s.initiative_id is not null, sc.code, si.code, s.finance_type
        rows between unbounded preceding and 1 preceding), 0) as open_before
    from slots s
    left join strategy_components sc on sc.id = s.component_id
    left join initiatives si on si.id = s.initiative_id
  ),
  not_committed as (
    select 'not_committed' as measure, component_id, country, partner_id, null::int as year,
      initiative_id, finance_type, open - least(open, greatest(partner_spare - open_before, 0)) as usd_minor
    from ordered_slots
  )`;

function dimensionFilters(filter: FundingFilter): RawBuilder<unknown>[] {
  const inList = (column: string, values: ReadonlyArray<string | number> | undefined) =>
    values?.length ? [sql`${sql.ref(column)} in (${sql.join(values)})`] : [];
  return [
    ...inList("component_id", filter.componentIds),
    ...inList("country", filter.countries),
    ...inList("partner_id", filter.partnerIds),
    ...inList("year", filter.years),
    ...inList("initiative_id", filter.initiativeIds),
    ...inList("finance_type", filter.financeTypes),
  ];
}

/**
 * A ledger row that follows from a pledge announced at one of `ids` (of a conference or a
 * session): the pledge itself, a commitment against it, a disbursement against such a
 * commitment; a reversal carries the links of the row it reverses, so it follows too.
 * Example: the IDB announces 500 at GUATEMALA-2011, commits 35 against that pledge to BE1
 * and disburses 9 against the commitment → the conference's announced 500, committed 35,
 * disbursed 9; its commitment of 10 to BE1 against no pledge is not the conference's.
 */
function announcedAt(
  column: "conference_id" | "conference_session_id",
  ids: readonly string[] | undefined,
): RawBuilder<unknown> {
  if (!ids?.length) return sql`true`;
  const list = sql.join(ids.map((id) => sql`${id}::uuid`));
  const pledges = sql`select id from support_flows where ${sql.ref(column)} in (${list})`;
  return sql`(${sql.ref(`f.${column}`)} in (${list})
    or f.pledge_id in (${pledges})
    or f.commitment_id in (select id from support_flows where pledge_id in (${pledges})))`;
}

/**
 * US cents of one measure, summed in numeric, which cannot overflow (a ::bigint cast of the
 * sum could, past 92 billion billion cents), read back as an exact decimal string and
 * turned into a bigint here.
 */
const usdOf = (measure: string, extra: RawBuilder<unknown> = sql`true`) =>
  sql<string>`coalesce(sum(usd_minor) filter (where measure = ${measure} and ${extra}), 0)`;

const measures = [
  "budget",
  "offered",
  "announced",
  "committed",
  "disbursed",
  "gap",
  "not_committed",
  "committed_not_allocated",
] as const;

type SummedRow = Omit<FundingRollupRow, (typeof measures)[number]> &
  Record<(typeof measures)[number], string>;

/**
 * THE funding roll-up: the only query in ESCA Hub that sums budgets and flows. One statement
 * returns the groups and the total (grouping sets `((dims…), ())`), so both come from the
 * same facts, the same filter and the same snapshot. Visibility (published only) is applied
 * before the gaps and open pledges are worked out, the dimension filters after, so that a
 * country's page and the country's row of the table say the same.
 */
export async function selectFundingRollup(
  db: Kysely<Database>,
  options: {
    by: readonly RollupDimension[];
    filter: FundingFilter;
    /** Budgets and gaps: they have no partner and no year. */
    includeBudget: boolean;
    /** Open pledges: they have no year. */
    includeNotCommitted: boolean;
  },
): Promise<FundingRollupRow[]> {
  const splitUnallocated = options.by.some((d) => ALLOCATING_DIMENSIONS.includes(d));
  const grouped = [
    ...options.by.map((d) => sql.ref(dimensionColumns[d].column)),
    ...(splitUnallocated ? [sql.ref("not_allocated")] : []),
  ];
  const columns = Object.entries(dimensionColumns).map(([dimension, { column, type }]) =>
    options.by.includes(dimension as RollupDimension)
      ? sql.ref(column)
      : sql`null::${sql.raw(type)} as ${sql.ref(column)}`,
  );
  const { asOf } = options.filter;
  const published = asOf ? sql`i.published_at <= ${asOf}` : sql`i.published_at is not null`;
  const visibleToReader = options.filter.publishedOnly
    ? sql`(f.initiative_id is null or ${published})`
    : sql`true`;
  const { conferenceIds, conferenceSessionIds } = options.filter;
  const followsFrom =
    conferenceIds?.length || conferenceSessionIds?.length
      ? sql`${announcedAt("conference_id", conferenceIds)}
    and ${announcedAt("conference_session_id", conferenceSessionIds)}`
      : null;
  const byYear = options.by.includes("year") || !!options.filter.years?.length;
  const visibleBudgets = options.filter.publishedOnly ? published : sql`true`;
  const conditions = dimensionFilters(options.filter);
  const where = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const budgetParts = options.includeBudget
    ? sql`union all select * from visible_budgets union all select * from gaps`
    : sql``;
  const groupBy = grouped.length ? sql`group by grouping sets ((${sql.join(grouped)}), ())` : sql``;
  const isTotal = grouped.length ? sql`grouping(${sql.join(grouped)}) <> 0` : sql`true`;
  const notAllocated = splitUnallocated ? sql`coalesce(not_allocated, false)` : sql`false`;

  const result = await sql<SummedRow>`
    with visible_flows as (${flowFacts(followsFrom, visibleToReader, asOf, byYear)}),
    visible_budgets as (${budgetFacts(visibleBudgets, asOf)})
    ${derivedFacts},
    facts as (
      select *, initiative_id is null as not_allocated from (
        select * from visible_flows
        ${options.includeNotCommitted ? sql`union all select * from not_committed` : sql``}
        ${budgetParts}
      ) all_facts
      ${where}
    ),
    grouped as (
      select ${sql.join(columns)}, ${isTotal} as is_total, ${notAllocated} as not_allocated,
        ${usdOf("budget")} as budget, ${usdOf("offer")} as offered,
        ${usdOf("pledge")} as announced, ${usdOf("commitment")} as committed,
        ${usdOf("disbursement")} as disbursed, ${usdOf("gap")} as gap,
        ${usdOf("not_committed")} as not_committed,
        ${usdOf("commitment", sql`initiative_id is null`)} as committed_not_allocated
      from facts ${groupBy}
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
    order by g.is_total, c.code, g.country, p.code, g.year, g.not_allocated, i.code,
      g.finance_type`.execute(db);
  return result.rows.map((row) => {
    const sums = Object.fromEntries(measures.map((m) => [m, BigInt(row[m])])) as Record<
      (typeof measures)[number],
      bigint
    >;
    return { ...row, ...sums };
  });
}
