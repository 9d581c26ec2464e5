import { type Kysely, sql } from "kysely";
import type { Database } from "../../src/platform/db/schema.ts";

/**
 * Every total of the roll-up worked out again, straight from the ledger and the initiatives
 * in plain SQL, written apart from the roll-up's query and sharing nothing with it: the
 * figures docs/MEASURES.md defines, for the public (published only) or the secretariat.
 */
export interface LedgerTotals {
  budget: bigint;
  offered: bigint;
  announced: bigint;
  committed: bigint;
  committed_not_allocated: bigint;
  disbursed: bigint;
  gap: bigint;
  announced_not_committed: bigint;
  /** Per lead country: committed to its initiatives, its budget, the sum of their gaps. */
  countries: Map<string, { committed: bigint; budget: bigint; gap: bigint }>;
  /** Per partner code: max(announced − committed, 0). */
  partnersNotCommitted: Map<string, bigint>;
  /** Per IATI finance type code ("none" where not stated): the ledger's plain sums. */
  financeTypes: Map<string, { announced: bigint; committed: bigint; disbursed: bigint }>;
  /** Announced to no initiative and no component (region-wide). */
  announcedToNoComponent: bigint;
}

const cents = (value: string | null | undefined) => BigInt(value ?? "0");

export async function ledgerTotals(
  db: Kysely<Database>,
  options: { publishedOnly: boolean },
): Promise<LedgerTotals> {
  const flowSeen = options.publishedOnly
    ? sql`(f.initiative_id is null or exists (select 1 from initiatives v
        where v.id = f.initiative_id and v.published_at is not null))`
    : sql`true`;
  const initiativeSeen = options.publishedOnly ? sql`i.published_at is not null` : sql`true`;
  const sums = await sql<Record<string, string | null>>`
    select
      sum(f.usd_minor) filter (where f.flow_type = 'offer')::text as offered,
      sum(f.usd_minor) filter (where f.flow_type = 'pledge')::text as announced,
      sum(f.usd_minor) filter (where f.flow_type = 'commitment')::text as committed,
      sum(f.usd_minor) filter (where f.flow_type = 'commitment' and f.initiative_id is null)::text
        as committed_not_allocated,
      sum(f.usd_minor) filter (where f.flow_type = 'disbursement')::text as disbursed
    from support_flows f where ${flowSeen}`.execute(db);
  const perInitiative = await sql<{
    country: string;
    budget: string;
    committed: string;
  }>`
    select i.lead_country::text as country, i.budget_usd_minor::text as budget,
      coalesce((select sum(f.usd_minor) from support_flows f
        where f.initiative_id = i.id and f.flow_type = 'commitment'), 0)::text as committed
    from initiatives i
    where i.status not in ('rejected', 'cancelled') and ${initiativeSeen}`.execute(db);
  const committedByCountry = await sql<{ country: string; committed: string }>`
    select i.lead_country::text as country, sum(f.usd_minor)::text as committed
    from support_flows f join initiatives i on i.id = f.initiative_id
    where f.flow_type = 'commitment' and ${initiativeSeen}
    group by i.lead_country`.execute(db);
  const perPartner = await sql<{
    code: string;
    announced: string | null;
    committed: string | null;
  }>`
    select p.code,
      sum(f.usd_minor) filter (where f.flow_type = 'pledge')::text as announced,
      sum(f.usd_minor) filter (where f.flow_type = 'commitment')::text as committed
    from support_flows f join organizations p on p.id = f.partner_id
    where ${flowSeen}
    group by p.code`.execute(db);

  const perFinanceType = await sql<{
    code: string;
    announced: string | null;
    committed: string | null;
    disbursed: string | null;
    no_component: string | null;
  }>`
    select coalesce(f.finance_type, 'none') as code,
      sum(f.usd_minor) filter (where f.flow_type = 'pledge')::text as announced,
      sum(f.usd_minor) filter (where f.flow_type = 'commitment')::text as committed,
      sum(f.usd_minor) filter (where f.flow_type = 'disbursement')::text as disbursed,
      sum(f.usd_minor) filter (where f.flow_type = 'pledge' and f.component_id is null)::text
        as no_component
    from support_flows f where ${flowSeen}
    group by coalesce(f.finance_type, 'none')`.execute(db);
  const financeTypes = new Map(
    perFinanceType.rows.map((f) => [
      f.code,
      {
        announced: cents(f.announced),
        committed: cents(f.committed),
        disbursed: cents(f.disbursed),
      },
    ]),
  );
  const announcedToNoComponent = perFinanceType.rows.reduce(
    (sum, f) => sum + cents(f.no_component),
    0n,
  );
  const row = sums.rows[0] ?? {};
  const countries = new Map<string, { committed: bigint; budget: bigint; gap: bigint }>();
  let budget = 0n;
  let gap = 0n;
  for (const i of perInitiative.rows) {
    const shortfall = cents(i.budget) - cents(i.committed);
    const own = shortfall > 0n ? shortfall : 0n;
    budget += cents(i.budget);
    gap += own;
    const country = countries.get(i.country) ?? { committed: 0n, budget: 0n, gap: 0n };
    country.budget += cents(i.budget);
    country.gap += own;
    countries.set(i.country, country);
  }
  for (const c of committedByCountry.rows) {
    const country = countries.get(c.country) ?? { committed: 0n, budget: 0n, gap: 0n };
    country.committed = cents(c.committed);
    countries.set(c.country, country);
  }
  const partnersNotCommitted = new Map<string, bigint>();
  let announcedNotCommitted = 0n;
  for (const p of perPartner.rows) {
    const open = cents(p.announced) - cents(p.committed);
    partnersNotCommitted.set(p.code, open > 0n ? open : 0n);
    announcedNotCommitted += open > 0n ? open : 0n;
  }
  return {
    budget,
    offered: cents(row.offered),
    announced: cents(row.announced),
    committed: cents(row.committed),
    committed_not_allocated: cents(row.committed_not_allocated),
    disbursed: cents(row.disbursed),
    gap,
    announced_not_committed: announcedNotCommitted,
    countries,
    partnersNotCommitted,
    financeTypes,
    announcedToNoComponent,
  };
}
