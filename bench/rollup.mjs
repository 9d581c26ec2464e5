#!/usr/bin/env node
// The funding roll-up over a large ledger: summarizeFunding (the one roll-up ESCA Hub has),
// grouped by component × country × partner as the public sees it, against a bare
// `select sum(usd_minor) from support_flows` scan of the same table in the same run
// (goal: ≤ 2× the scan). 1,000,000 flows (--quick: 100,000) spread over 4 components,
// 8 countries, 20 partners and 64 initiatives, 5 % of them to no initiative. On embedded
// PGlite in memory, and with --url postgres://… (or ESCA_BENCH_DATABASE_URL) also on that
// server, in a scratch database created and dropped by the script.
//   node bench/rollup.mjs [--quick] [--flows 1000000] [--runs 5] [--url postgres://…]
//                         [--explain] [--json FILE]
import { argv } from "node:process";
import { register } from "tsx/esm/api";
import {
  benchArgs,
  FIGURE_HEADER,
  figure,
  figureRows,
  finish,
  formatTable,
} from "./lib/report.mjs";

register();
const args = benchArgs(argv.slice(2), {
  quick: false,
  flows: 0,
  runs: 0,
  explain: false,
});
const flows = args.flows || (args.quick ? 100_000 : 1_000_000);
const runs = args.runs || (args.quick ? 3 : 5);

const { CompiledQuery, sql } = await import("kysely");
const { openBenchDatabase, postgresReachable, postgresUrl, timed, median } = await import(
  "./lib/databases.mjs"
);
const { summarizeFunding } = await import("../src/modules/funding/index.ts");

const BY = ["component", "country", "partner"];
const COUNTRIES = ["BZ", "CR", "SV", "GT", "HN", "NI", "PA", "DO"];
const PARTNERS = 20;
const INITIATIVES_PER_PAIR = 2;
const CHUNK = 100_000;
const fixedId = (n) => `00000000-0000-4000-8000-${n.toString().padStart(12, "0")}`;

/** Components A–D, 20 partners, 2 published initiatives per component and country. */
async function seedWorld(db) {
  await db
    .insertInto("strategy_components")
    .values(
      ["A", "B", "C", "D"].map((code, i) => ({
        id: fixedId(1 + i),
        code,
        name_es: `Componente ${code}`,
        name_en: `Component ${code}`,
      })),
    )
    .execute();
  await db
    .insertInto("organizations")
    .values(
      Array.from({ length: PARTNERS }, (_, i) => ({
        id: fixedId(101 + i),
        code: `BP${String(i + 1).padStart(2, "0")}`,
        kind: i % 2 ? "partner_government" : "international_org",
        name_es: `Socio ${i + 1}`,
        name_en: `Partner ${i + 1}`,
      })),
    )
    .execute();
  const initiatives = [];
  for (const [c, component] of ["A", "B", "C", "D"].entries())
    for (const country of COUNTRIES)
      for (let k = 1; k <= INITIATIVES_PER_PAIR; k++)
        initiatives.push({
          id: fixedId(1001 + initiatives.length),
          code: `BI-${component}${country}${k}`,
          title_en: `Initiative ${component} ${country} ${k}`,
          component_id: fixedId(1 + c),
          lead_country: country,
          budget_amount_minor: 5_000_000_000n,
          budget_currency: "USD",
          budget_value_date: "2011-06-22",
          budget_usd_minor: 5_000_000_000n,
          budget_fx_rate: "1",
          budget_fx_date: "2011-06-22",
          status: "seeking_funding",
          published_at: new Date("2011-07-01T00:00:00Z"),
        });
  await db.insertInto("initiatives").values(initiatives).execute();
  return initiatives.length;
}

/**
 * `count` flows by INSERT … SELECT generate_series, in chunks: pledges (20 %), commitments
 * (40 %), disbursements (40 %) in USD over ten years, grants and loans; one in 19 to no
 * initiative (a component only). The audit trail's insert trigger is off while they are
 * written (a million audit rows would measure the trail, not the roll-up) and on again after.
 */
async function fillFlows(db, count) {
  const triggers = await sql`
    select tgname from pg_trigger
    where tgrelid = 'support_flows'::regclass and not tgisinternal and tgname like '%audit%insert%'`.execute(
    db,
  );
  const names = triggers.rows.map((row) => row.tgname);
  for (const name of names)
    await sql`alter table support_flows disable trigger ${sql.id(name)}`.execute(db);
  for (let from = 1; from <= count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK - 1);
    await sql`
      with p as (select array_agg(id order by code) as ids from organizations where code like 'BP%'),
      i as (select array_agg(id order by code) as ids, array_agg(component_id order by code) as comps
        from initiatives where code like 'BI-%')
      insert into support_flows (flow_type, support_kind, partner_id, initiative_id, component_id,
        amount_minor, currency, value_date, usd_minor, fx_rate, fx_date, finance_type, source,
        recorded_by)
      select
        case when g % 10 < 2 then 'pledge' when g % 10 < 6 then 'commitment' else 'disbursement' end,
        'financial', p.ids[1 + g % ${PARTNERS}],
        case when g % 19 = 0 then null else i.ids[1 + (g / ${PARTNERS}) % cardinality(i.ids)] end,
        i.comps[1 + (g / ${PARTNERS}) % cardinality(i.ids)],
        100000 + (g * 7919) % 10000000, 'USD', date '2011-01-01' + (g % 3650)::int,
        100000 + (g * 7919) % 10000000, 1, date '2011-01-01' + (g % 3650)::int,
        case when g % 3 = 0 then '421' else '110' end, 'bench', 'bench'
      from generate_series(${from}::bigint, ${to}::bigint) g, p, i`.execute(db);
  }
  for (const name of names)
    await sql`alter table support_flows enable trigger ${sql.id(name)}`.execute(db);
  await sql`vacuum analyze support_flows`.execute(db);
  return names;
}

const rollUp = (db) => summarizeFunding({ db, by: BY, filter: { publishedOnly: true } });
const bareScan = (db) => sql`select sum(usd_minor) as total from support_flows`.execute(db);

/** The roll-up's statement as sent, by a plugin that compiles what passes through it. */
async function rollUpStatement(db) {
  let compiled = null;
  const plugin = {
    transformQuery: ({ node, queryId }) => {
      compiled ??= db.getExecutor().compileQuery(node, queryId);
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  await summarizeFunding({ db: db.withPlugin(plugin), by: BY, filter: { publishedOnly: true } });
  return compiled;
}

async function explain(db, compiled) {
  const plan = await db.executeQuery(
    CompiledQuery.raw(`explain (analyze, buffers) ${compiled.sql}`, [...compiled.parameters]),
  );
  return plan.rows.map((row) => row["QUERY PLAN"]).join("\n");
}

/** The roll-up's total against sums read straight from the table, in US cents. */
async function totalsAgree(db, summary) {
  const { rows } = await sql`
    select flow_type, sum(usd_minor)::text as cents from support_flows group by flow_type`.execute(
    db,
  );
  const direct = Object.fromEntries(rows.map((row) => [row.flow_type, BigInt(row.cents)]));
  const cents = (figure) => BigInt(figure.replace(".", ""));
  return (
    cents(summary.total.announced) === (direct.pledge ?? 0n) &&
    cents(summary.total.committed) === (direct.commitment ?? 0n) &&
    cents(summary.total.disbursed) === (direct.disbursement ?? 0n)
  );
}

async function measure(url) {
  const handle = await openBenchDatabase({ url, label: "rollup", connections: 2 });
  try {
    const initiatives = await seedWorld(handle.db);
    const fill = await timed(() => fillFlows(handle.db, flows));
    // Once each before timing: caches warm, plans made.
    const first = await rollUp(handle.db);
    await bareScan(handle.db);
    const rollUpMs = [];
    const scanMs = [];
    for (let run = 0; run < runs; run++) {
      const pair = [
        async () => rollUpMs.push((await timed(() => rollUp(handle.db))).ms),
        async () => scanMs.push((await timed(() => bareScan(handle.db))).ms),
      ];
      // Alternate which goes first, so neither always runs on the other's warm cache.
      for (const step of run % 2 ? pair.reverse() : pair) await step();
    }
    const plan = args.explain ? await explain(handle.db, await rollUpStatement(handle.db)) : null;
    return {
      label: handle.label,
      initiatives,
      groups: first.rows.length,
      fillMs: fill.ms,
      triggersOff: fill.result,
      agree: await totalsAgree(handle.db, first),
      rollUpMs: median(rollUpMs),
      scanMs: median(scanMs),
      plan,
    };
  } finally {
    await handle.close();
  }
}

const title = `Funding roll-up over ${flows.toLocaleString("en-US")} flows`;
const results = [await measure(undefined)];
const notes = [];
const url = postgresUrl(args);
if (url) {
  const reachable = await postgresReachable(url);
  if (reachable.ok) results.push(await measure(url));
  else notes.push(`skipped PostgreSQL: ${reachable.reason}`);
} else notes.push("PostgreSQL not measured: give --url postgres://… or ESCA_BENCH_DATABASE_URL");

const figures = results.map((r) =>
  figure({
    name: `roll-up by ${BY.join(" × ")}, ${r.label}`,
    value: r.rollUpMs,
    unit: "ms",
    baseline: { name: `bare sum() scan, ${r.label}`, value: r.scanMs, unit: "ms" },
    goal: "≤ 2",
  }),
);
for (const r of results) {
  notes.push(
    `${r.label}: ${flows.toLocaleString("en-US")} flows written in ${(r.fillMs / 1000).toFixed(1)} s by INSERT … SELECT generate_series with the audit insert trigger off (${r.triggersOff.join(", ") || "none found"}), on again before measuring; ${r.groups} groups over ${r.initiatives} initiatives; median of ${runs} runs; roll-up totals ${r.agree ? "equal" : "DIFFER FROM"} the table's sums`,
  );
}

console.log(`${title} (${runs} runs each, median)`);
console.log(formatTable(FIGURE_HEADER, figureRows(figures)));
for (const note of notes) console.log(`- ${note}`);
for (const r of results)
  if (r.plan) console.log(`\nEXPLAIN ANALYZE of the roll-up, ${r.label}:\n${r.plan}`);
finish(args, { script: "rollup", title, figures, notes });
if (results.some((r) => !r.agree)) process.exitCode = 1;
