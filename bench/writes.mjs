#!/usr/bin/env node
// Disbursements recorded per second through the product's write path, as the API records one:
// the body parsed with the route's zod schema, then recordFlow under the partner's request
// context (its policy, the links it points at, the USD value of its date, the
// disbursed ≤ committed check under the pair's lock, the row read back, the "flow recorded"
// event; the audit trigger appends to the hash chain), each in its own transaction. Against a
// baseline of bare INSERTs of the very same rows, one statement each, in the same run.
// Then the bulk path the product takes for many entries at once (recordFlows, as the IATI
// ledger sync and a spreadsheet's apply do): as many disbursements again, --batch entries per
// call and transaction, each body parsed by the same schema, against the same baseline.
// Embedded PGlite with one writer (goal: ≥ 1,000 disbursements/s); with --url postgres://…
// (or ESCA_BENCH_DATABASE_URL) also on that server with 20 concurrent writers over a pool
// of 20, in a scratch database created and dropped by the script.
//   node bench/writes.mjs [--quick] [--writes 3000] [--writers 20] [--batch 100]
//                         [--url postgres://…] [--json FILE]
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
const args = benchArgs(argv.slice(2), { quick: false, writes: 0, writers: 20, batch: 100 });
const writes = args.writes || (args.quick ? 600 : 3000);
const writers = args.writers;
const batch = Math.max(1, args.batch);

const { sql } = await import("kysely");
const { openBenchDatabase, postgresReachable, postgresUrl, timed } = await import(
  "./lib/databases.mjs"
);
const { recordFlow, recordFlows } = await import("../src/modules/funding/index.ts");
const { recordFlowSchema } = await import("../src/modules/funding/flows.schema.ts");
const { runWithContext, systemContext } = await import("../src/platform/request-context.ts");
const { systemPrincipal } = await import("../src/platform/principal.ts");

const fixedId = (n) => `00000000-0000-4000-8000-${n.toString().padStart(12, "0")}`;
const PARTNERS = 20;
const INITIATIVES = 4;

/**
 * Two components, 20 partners each with a user, four initiatives, EUR rates; every partner
 * commits EUR 1,000,000,000.00 to every initiative (by the write path, as the platform), so
 * the disbursements below stay within their commitments and none is refused.
 */
async function seedWorld(db) {
  await db
    .insertInto("strategy_components")
    .values([
      { id: fixedId(1), code: "A", name_es: "A", name_en: "A" },
      { id: fixedId(2), code: "B", name_es: "B", name_en: "B" },
    ])
    .execute();
  const partners = Array.from({ length: PARTNERS }, (_, i) => ({
    id: fixedId(101 + i),
    code: `WP${String(i + 1).padStart(2, "0")}`,
    kind: "partner_government",
    name_es: `Socio ${i + 1}`,
    name_en: `Partner ${i + 1}`,
  }));
  await db.insertInto("organizations").values(partners).execute();
  const users = partners.map((partner, i) => ({
    id: fixedId(201 + i),
    email: `officer${i + 1}@partner${i + 1}.example`,
    name: `Officer ${i + 1}`,
    organization_id: partner.id,
    role: "partner",
    password_hash: "not used: the benchmark acts as this user without signing in",
  }));
  await db.insertInto("users").values(users).execute();
  const initiatives = Array.from({ length: INITIATIVES }, (_, i) => ({
    id: fixedId(1001 + i),
    code: `WI${i + 1}`,
    title_en: `Initiative ${i + 1}`,
    component_id: fixedId(1 + (i % 2)),
    lead_country: ["GT", "HN", "SV", "CR"][i] ?? "GT",
    budget_amount_minor: 0n,
    budget_currency: "USD",
    budget_value_date: "2012-01-01",
    budget_usd_minor: 0n,
    budget_fx_rate: "1",
    budget_fx_date: "2012-01-01",
    status: "seeking_funding",
    published_at: new Date("2012-01-02T00:00:00Z"),
  }));
  await db.insertInto("initiatives").values(initiatives).execute();
  await db
    .insertInto("exchange_rates")
    .values(
      ["2012-01-01", "2013-01-01", "2014-01-01"].map((rate_date, i) => ({
        currency: "EUR",
        rate_date,
        usd_per_unit: ["1.2939", "1.3281", "1.3285"][i],
        source: "bench",
      })),
    )
    .execute();
  const platform = systemPrincipal("bench");
  const commitments = new Map();
  await runWithContext(systemContext("bench"), async () => {
    for (const partner of partners)
      for (const initiative of initiatives) {
        const flow = await recordFlow({
          db,
          principal: platform,
          input: recordFlowSchema.parse({
            flow_type: "commitment",
            support_kind: "financial",
            partner_id: partner.id,
            initiative_id: initiative.id,
            value: { amount: "1000000000.00", currency: "EUR" },
            value_date: "2012-03-01",
          }),
        });
        commitments.set(`${partner.id}/${initiative.id}`, flow.id);
      }
  });
  return { partners, users, initiatives, commitments };
}

/** The partner user the API would have signed in, as the request's principal and context. */
function actingAs(world, p) {
  const user = world.users[p];
  const principal = {
    kind: "user",
    userId: user.id,
    email: user.email,
    role: "partner",
    organizationId: user.organization_id,
    organizationKind: "partner_government",
    country: null,
    via: "session",
  };
  const context = {
    requestId: `bench-${p}`,
    clientAddress: "127.0.0.1",
    userId: user.id,
    actor: user.email,
    organizationId: user.organization_id,
  };
  return { principal, context };
}

/** The n-th disbursement of writer p: a body as the web's flow form posts it. */
function disbursementBody(world, p, n) {
  const partner = world.partners[p];
  const initiative = world.initiatives[n % INITIATIVES];
  return {
    flow_type: "disbursement",
    support_kind: "financial",
    partner_id: partner.id,
    initiative_id: initiative.id,
    commitment_id: world.commitments.get(`${partner.id}/${initiative.id}`),
    value: { amount: `${1000 + (n % 997)}.${String(n % 100).padStart(2, "0")}`, currency: "EUR" },
    value_date: ["2013-02-01", "2013-06-15", "2014-03-03"][n % 3],
    finance_type: "110",
    note: `disbursement ${n}`,
  };
}

/** `count` writes split over `lanes` concurrent writers, each writing its share in turn. */
async function inLanes(count, lanes, write) {
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      for (let n = lane; n < count; n += lanes) await write(lane, n);
    }),
  );
}

const columns = [
  "flow_type",
  "support_kind",
  "partner_id",
  "initiative_id",
  "component_id",
  "description",
  "amount_minor",
  "currency",
  "value_date",
  "usd_minor",
  "fx_rate",
  "fx_date",
  "pledge_id",
  "commitment_id",
  "reverses_id",
  "conference_id",
  "conference_session_id",
  "over_commitment_reason",
  "finance_type",
  "illustrative",
  "illustrative_fields",
  "source",
  "note",
  "recorded_by",
  "recorded_by_user_id",
];

async function measure(url, lanes) {
  const handle = await openBenchDatabase({ url, label: "writes", connections: lanes });
  try {
    const world = await seedWorld(handle.db);
    const recorded = await timed(() =>
      inLanes(writes, lanes, async (lane, n) => {
        const p = url ? lane % PARTNERS : n % PARTNERS;
        const { principal, context } = actingAs(world, p);
        await runWithContext(context, () =>
          recordFlow({
            db: handle.db,
            principal,
            input: recordFlowSchema.parse(disbursementBody(world, p, n)),
          }),
        );
      }),
    );
    // The same rows again, as bare INSERTs: one statement (and so one transaction) each.
    const written = await handle.db
      .selectFrom("support_flows")
      .select(columns)
      .where("flow_type", "=", "disbursement")
      .orderBy("seq")
      .execute();
    const rows = written.map((row) => ({
      ...row,
      illustrative_fields: JSON.stringify(row.illustrative_fields),
    }));
    const bare = await timed(() =>
      inLanes(rows.length, lanes, (_, n) =>
        handle.db.insertInto("support_flows").values(rows[n]).execute(),
      ),
    );
    // The bulk path: the same number of disbursements again, `batch` per recordFlows call.
    const batches = Math.ceil(writes / batch);
    const bulk = await timed(() =>
      inLanes(batches, lanes, async (lane, b) => {
        const p = url ? lane % PARTNERS : b % PARTNERS;
        const { principal, context } = actingAs(world, p);
        const first = writes + b * batch;
        const last = Math.min(writes + (b + 1) * batch, 2 * writes);
        const entries = [];
        for (let n = first; n < last; n++)
          entries.push(recordFlowSchema.parse(disbursementBody(world, p, n)));
        await runWithContext(context, () => recordFlows({ db: handle.db, principal, entries }));
      }),
    );
    const { overs } = (
      await sql`
        select count(*)::int as overs from (
          select initiative_id, partner_id from support_flows group by 1, 2
          having coalesce(sum(usd_minor) filter (where flow_type = 'disbursement'), 0)
            > coalesce(sum(usd_minor) filter (where flow_type = 'commitment'), 0)) o`.execute(
        handle.db,
      )
    ).rows[0];
    const audited = (
      await sql`select count(*)::int as n from audit_log where entity_type = 'support_flows'`.execute(
        handle.db,
      )
    ).rows[0].n;
    return {
      label: handle.label,
      lanes,
      recordedPerSecond: writes / (recorded.ms / 1000),
      barePerSecond: rows.length / (bare.ms / 1000),
      bulkPerSecond: writes / (bulk.ms / 1000),
      rows: rows.length,
      overs,
      audited,
    };
  } finally {
    await handle.close();
  }
}

const title = "Disbursements recorded with invariants and audit, per second";
const results = [await measure(undefined, 1)];
const notes = [];
const url = postgresUrl(args);
if (url) {
  const reachable = await postgresReachable(url);
  if (reachable.ok) results.push(await measure(url, writers));
  else notes.push(`skipped PostgreSQL: ${reachable.reason}`);
} else notes.push("PostgreSQL not measured: give --url postgres://… or ESCA_BENCH_DATABASE_URL");

const figures = results.flatMap((r) => {
  const who = r.lanes === 1 ? "1 writer" : `${r.lanes} concurrent writers`;
  const pglite = r.label === "PGlite";
  const baseline = {
    name: `bare INSERTs of the same rows, ${who}`,
    value: r.barePerSecond,
    unit: "/s",
  };
  return [
    figure({
      name: `recordFlow disbursements, ${r.label}, ${who}`,
      value: r.recordedPerSecond,
      unit: "/s",
      baseline,
      goal: pglite ? "≥ 1,000/s" : null,
      met: pglite ? r.recordedPerSecond >= 1000 : null,
    }),
    figure({
      name: `recordFlows disbursements (${batch} a call), ${r.label}, ${who}`,
      value: r.bulkPerSecond,
      unit: "/s",
      baseline,
      goal: pglite ? "≥ 1,000/s" : null,
      met: pglite ? r.bulkPerSecond >= 1000 : null,
    }),
  ];
});
for (const r of results)
  notes.push(
    `${r.label}: ${writes} disbursements by ${r.lanes === 1 ? "one writer" : `${r.lanes} writers`}, each in its own transaction, then as many by recordFlows, ${batch} a call and transaction; ratio = recorded/s ÷ bare INSERTs/s; pairs over their commitments afterwards: ${r.overs}; audit rows of support_flows: ${r.audited} (all three phases; the audit trigger also runs for the bare INSERTs)`,
  );

console.log(title);
console.log(formatTable(FIGURE_HEADER, figureRows(figures)));
for (const note of notes) console.log(`- ${note}`);
finish(args, { script: "writes", title, figures, notes });
if (results.some((r) => r.overs > 0)) process.exitCode = 1;
