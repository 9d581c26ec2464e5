import { type Kysely, sql } from "kysely";
import { expect } from "vitest";
import { toMinorUnits } from "../../src/contracts/money.ts";
import type { FundingSummary } from "../../src/modules/funding/index.ts";
import type { Database } from "../../src/platform/db/schema.ts";

const typeCodes: Record<string, string> = { pledge: "12", commitment: "2", disbursement: "3" };

/** Every `<value currency="…">amount</value>` inside each `<tag>…</tag>` of the XML. */
function values(xml: string, tag: string) {
  const found: Array<{ block: string; currency: string; minor: bigint }> = [];
  for (const match of xml.matchAll(new RegExp(`<${tag}[ >][\\s\\S]*?</${tag}>`, "g"))) {
    const value = /<value currency="([A-Z]{3})"[^>]*>([^<]+)<\/value>/.exec(match[0]);
    if (!value?.[1] || !value[2]) continue;
    found.push({ block: match[0], currency: value[1], minor: toMinorUnits(value[2], value[1]) });
  }
  return found;
}

/**
 * Re-adds the IATI files: the activity file's transactions per type and currency equal the
 * standing ledger entries of the published initiatives (raw SQL), each activity's yearly
 * budgets its initiative's budget, the organisation file's yearly budgets the published
 * portfolio's USD budget; and those standing entries' USD equal the public roll-up's
 * support to initiatives.
 */
export async function expectIatiAddsUp(options: {
  db: Kysely<Database>;
  activitiesXml: string;
  organisationXml: string;
  /** The public roll-up by initiative. */
  byInitiative: FundingSummary;
}) {
  const { db, activitiesXml } = options;
  const standing = await sql<{ flow_type: string; currency: string; minor: string; usd: string }>`
    select f.flow_type, f.currency, sum(f.amount_minor)::text as minor, sum(f.usd_minor)::text as usd
    from support_flows f join initiatives i on i.id = f.initiative_id
    where i.published_at is not null and f.reverses_id is null and f.amount_minor is not null
      and f.flow_type in ('pledge', 'commitment', 'disbursement')
      and not exists (select 1 from support_flows r where r.reverses_id = f.id)
    group by f.flow_type, f.currency`.execute(db);
  const transactions = new Map<string, bigint>();
  for (const t of values(activitiesXml, "transaction")) {
    const type = /<transaction-type code="(\d+)"/.exec(t.block)?.[1];
    const key = `${type} ${t.currency}`;
    transactions.set(key, (transactions.get(key) ?? 0n) + t.minor);
  }
  const expected = new Map(
    standing.rows.map((r) => [`${typeCodes[r.flow_type]} ${r.currency}`, BigInt(r.minor)]),
  );
  expect(transactions, "IATI transactions against the ledger").toEqual(expected);

  const budgets = await sql<{ code: string; minor: string; usd: string }>`
    select code, budget_amount_minor::text as minor, budget_usd_minor::text as usd
    from initiatives where published_at is not null order by code`.execute(db);
  for (const activity of activitiesXml.split("</iati-activity>").slice(0, -1)) {
    const code = /<iati-identifier>[^<]*-([^<-]+)<\/iati-identifier>/.exec(activity)?.[1];
    const initiative = budgets.rows.find((b) => b.code === code);
    expect(initiative, `activity ${code}`).toBeDefined();
    const sum = values(activity, "budget").reduce((s, b) => s + b.minor, 0n);
    expect(sum, `activity ${code}: yearly budgets`).toBe(BigInt(initiative?.minor ?? -1));
  }
  const organisation = values(options.organisationXml, "total-budget");
  expect(organisation.every((b) => b.currency === "USD")).toBe(true);
  expect(
    organisation.reduce((s, b) => s + b.minor, 0n),
    "IATI organisation budgets against the published portfolio",
  ).toBe(budgets.rows.reduce((s, b) => s + BigInt(b.usd), 0n));

  // A reversed entry and its reversal cancel out, so the standing entries are the roll-up's.
  const usdOf = (type: string) =>
    standing.rows.filter((r) => r.flow_type === type).reduce((s, r) => s + BigInt(r.usd), 0n);
  const toInitiatives = (measure: "announced" | "committed" | "disbursed") =>
    options.byInitiative.rows
      .filter((row) => !row.remainder)
      .reduce((s, row) => s + toMinorUnits(row[measure], "USD"), 0n);
  expect(usdOf("pledge"), "IATI pledges in USD").toBe(toInitiatives("announced"));
  expect(usdOf("commitment"), "IATI commitments in USD").toBe(toInitiatives("committed"));
  expect(usdOf("disbursement"), "IATI disbursements in USD").toBe(toInitiatives("disbursed"));
}
