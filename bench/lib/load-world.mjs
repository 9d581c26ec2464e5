// The load test's world (bench/load.mjs): the database it runs on, prepared before the server
// starts (demo data and the accounts that sign in), and what is checked on it after the server
// has stopped (the ledger's invariant, the audit chain, every acknowledged write present and
// every refused one absent). Imports the TypeScript sources through tsx.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { register } from "tsx/esm/api";
import { createScratchDatabase } from "./scratch-database.mjs";

register();
const { sql } = await import("kysely");
const { loadConfig } = await import("../../src/platform/config.ts");
const { openConfiguredDatabase } = await import("../../src/platform/db/open.ts");
const { migrateToLatest } = await import("../../src/platform/db/migrate.ts");
const { seedDemo } = await import("../../src/modules/demo/index.ts");
const { createUser, systemPrincipal } = await import("../../src/modules/accounts/index.ts");
const { verifyAuditChain } = await import("../../src/modules/audit/index.ts");

/** The demo's secretariat account (is_demo: it signs in without a second factor). */
export const SECRETARIAT = {
  email: "secretariat@demo.esca-hub.org",
  password: "Endorse-San-Salvador-2011",
};

/** Only the loopback address: this script never loads a machine other than its own. */
export function assertLoopback(url, what) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "[::1]"].includes(host))
    throw new Error(
      `${what}: "${host}" is not 127.0.0.1; the load test runs on this machine only.`,
    );
}

/**
 * A fresh place for the server's data: an embedded data folder, or a scratch database made on
 * the PostgreSQL server of `serverUrl` (dropped by `dispose`). Returns the server's
 * environment (ESCA_DATA_DIR or DATABASE_URL) and a description.
 */
export async function createWorld(serverUrl) {
  if (!serverUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), "esca-load-"));
    return {
      description: "embedded PGlite (data folder)",
      env: { ESCA_DATA_DIR: dataDir },
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  assertLoopback(serverUrl, "--url");
  const scratch = await createScratchDatabase(serverUrl, `esca_load_${process.pid}`);
  return {
    description: `PostgreSQL (scratch database ${scratch.name})`,
    env: { DATABASE_URL: scratch.url },
    dispose: scratch.drop,
  };
}

async function withDatabase(world, command, work) {
  const config = loadConfig({ ...world.env, LOG_LEVEL: "silent" });
  const database = await openConfiguredDatabase(config, command);
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

/**
 * Migrates, loads the demo data, and creates `partnerAccounts` partner accounts spread over
 * the partners that support published initiatives (each partner's clients write to
 * initiatives of their own, `initiatives` per partner, where it has no demo entries yet).
 * The secretariat writes for the partners left without an account, on other initiatives.
 */
export async function prepareWorld(world, { partnerAccounts }) {
  return withDatabase(world, "load prepare", async (db) => {
    await migrateToLatest(db);
    await seedDemo({ db });
    const initiatives = (
      await db
        .selectFrom("initiatives")
        .select(["id"])
        .where("published_at", "is not", null)
        .where("status", "not in", ["rejected", "cancelled"])
        .orderBy("id")
        .execute()
    ).map((row) => row.id);
    const partners = await db
      .selectFrom("organizations")
      .select(["id", "code"])
      .where("kind", "in", ["partner_government", "international_org"])
      .orderBy("code")
      .execute();
    if (initiatives.length < 2 || partners.length < 2)
      throw new Error("the demo data has too few published initiatives or partners");
    const accountOrgs = partners.slice(0, Math.max(1, Math.min(4, partners.length - 1)));
    const staffPartners = partners.slice(accountOrgs.length);
    const password = `Load-${randomBytes(12).toString("base64url")}`;
    const accounts = [];
    for (let index = 0; index < partnerAccounts; index++) {
      const org = accountOrgs[index % accountOrgs.length];
      const email = `load.partner${index}@load.esca-hub.invalid`;
      await createUser({
        db,
        principal: systemPrincipal("load-test"),
        input: {
          email,
          name: `Load partner ${index}`,
          organization: org.code,
          role: "partner",
          password,
        },
      });
      accounts.push({ email, password, partnerId: org.id, code: org.code });
    }
    // Pairs (initiative, partner) with no demo entries, so that what is left on them is the
    // load's own: half the initiatives for partners' own writes, the rest for the secretariat's.
    const used = new Set(
      (
        await db
          .selectFrom("support_flows")
          .select(["initiative_id", "partner_id"])
          .where("initiative_id", "is not", null)
          .distinct()
          .execute()
      ).map((row) => `${row.initiative_id}/${row.partner_id}`),
    );
    const half = Math.ceil(initiatives.length / 2);
    const clean = (ids, partnerId) => ids.filter((id) => !used.has(`${id}/${partnerId}`));
    const partnerInitiatives = Object.fromEntries(
      accountOrgs.map((org) => [org.id, clean(initiatives.slice(0, half), org.id)]),
    );
    const staffPairs = staffPartners.flatMap((partner) =>
      clean(initiatives.slice(half), partner.id).map((initiativeId) => ({
        initiativeId,
        partnerId: partner.id,
      })),
    );
    if (Object.values(partnerInitiatives).some((ids) => !ids.length) || !staffPairs.length)
      throw new Error("the demo data leaves no initiative without entries for some partner");
    return {
      accounts,
      partnerInitiatives,
      staffPairs,
      partners: partners.map((row) => row.id),
      initiatives,
    };
  });
}

/**
 * After the load: the audit chain verified; the ledger's invariant as the product states it
 * (src/modules/funding/ledger-invariant.ts: per initiative and partner, disbursed ≤ committed
 * net of reversals, unless the entry that breaks it carries an over_commitment_reason only the
 * secretariat, the platform or an approved request gives), checked on every entry in seq
 * order; for the load's own entries, no commitment over its pledge and no disbursement over
 * its commitment without a reason; every acknowledged write present; every refused one absent.
 */
export async function checkWorld(world, { acknowledged, refusedMarkers }) {
  return withDatabase(world, "load check", async (db) => {
    const audit = await verifyAuditChain({ db });
    const breaches = await sql`
      with running as (
        select f.id, f.flow_type, f.usd_minor, f.over_commitment_reason,
          coalesce(sum(f.usd_minor) filter (where f.flow_type = 'commitment') over pair, 0)
            as committed,
          coalesce(sum(f.usd_minor) filter (where f.flow_type = 'disbursement') over pair, 0)
            as disbursed
        from support_flows f
        where f.initiative_id is not null
        window pair as (partition by f.initiative_id, f.partner_id order by f.seq)
      )
      select count(*)::int as entries from running
      where disbursed > committed and over_commitment_reason is null
        and ((flow_type = 'disbursement' and usd_minor > 0)
          or (flow_type = 'commitment' and usd_minor < 0))
    `.execute(db);
    const pairsOver = await sql`
      select count(*)::int as pairs from (
        select initiative_id, partner_id,
          bool_or(over_commitment_reason is not null) as excused,
          sum(usd_minor) filter (where flow_type = 'commitment') as committed,
          sum(usd_minor) filter (where flow_type = 'disbursement') as disbursed
        from support_flows where initiative_id is not null
        group by initiative_id, partner_id
      ) p
      where coalesce(disbursed, 0) > coalesce(committed, 0) and not excused
    `.execute(db);
    const ids = [...acknowledged];
    const present = ids.length
      ? await sql`select count(*)::int as n from support_flows where id = any(${ids}::uuid[])`.execute(
          db,
        )
      : { rows: [{ n: 0 }] };
    // The load's own links: what was recorded against each of its pledges and commitments.
    const linksOver = ids.length
      ? await sql`
          select
            count(*) filter (where p.flow_type = 'pledge')::int as commitments_over_pledge,
            count(*) filter (where p.flow_type = 'commitment')::int as disbursements_over_commitment
          from support_flows p
          join lateral (
            select coalesce(sum(c.usd_minor), 0) as against,
              bool_or(c.over_commitment_reason is not null) as excused
            from support_flows c
            where (p.flow_type = 'pledge' and c.flow_type = 'commitment' and c.pledge_id = p.id)
               or (p.flow_type = 'commitment' and c.flow_type = 'disbursement'
                   and c.commitment_id = p.id)
          ) a on true
          where p.id = any(${ids}::uuid[]) and p.reverses_id is null
            and a.against > p.usd_minor and not coalesce(a.excused, false)
        `.execute(db)
      : { rows: [{ commitments_over_pledge: 0, disbursements_over_commitment: 0 }] };
    // Refused writes wrote nothing: their amounts are ones no accepted entry uses.
    const refusedWritten = refusedMarkers.length
      ? await sql`select count(*)::int as n from support_flows
          where note = any(${refusedMarkers}::text[])`.execute(db)
      : { rows: [{ n: 0 }] };
    const flows = await sql`select count(*)::int as n from support_flows`.execute(db);
    return {
      audit: audit.ok
        ? { verified: true, rows: audit.rows }
        : { verified: false, rows: audit.rows, first_bad: audit.firstBad },
      invariant: {
        breaching_entries: breaches.rows[0].entries,
        pairs_over_without_override: pairsOver.rows[0].pairs,
        commitments_over_pledge: linksOver.rows[0].commitments_over_pledge,
        disbursements_over_commitment: linksOver.rows[0].disbursements_over_commitment,
      },
      acknowledged_writes: ids.length,
      acknowledged_present: present.rows[0].n,
      refused_written: refusedWritten.rows[0].n,
      flows: flows.rows[0].n,
    };
  });
}
