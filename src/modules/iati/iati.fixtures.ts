import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Kysely } from "kysely";
import { currencyDigits } from "../../contracts/money.ts";
import type { Database } from "../../platform/db/schema.ts";

/** The official IATI 2.03 schemas the project ships (vendor/iati/2.03), as at run time. */
export { defaultSchemaDir as schemasDir } from "./iati-settings.ts";

/** Samples and large generated workloads stay on the team's machines, outside the project. */
const shared = resolve(fileURLToPath(new URL("../../../", import.meta.url)), "../shared");
export const samplesDir = join(shared, "data/iati/samples");
export const benchDir = join(shared, "bench");
export const haveSamples = existsSync(samplesDir);
export const haveBench = existsSync(join(benchDir, "gen-xml-attacks.mjs"));

/** Writes gen-xml-attacks.mjs's hostile files into a fresh folder. */
export function generateAttacks(): string {
  const dir = mkdtempSync(join(tmpdir(), "esca-xml-attacks-"));
  execFileSync(process.execPath, [join(benchDir, "gen-xml-attacks.mjs"), dir]);
  return dir;
}

/** Writes gen-iati.mjs's workload of about `mb` megabytes. */
export function generateWorkload(mb: number, path: string, seed = 7) {
  execFileSync("sh", [
    "-c",
    `"${process.execPath}" "${join(benchDir, "gen-iati.mjs")}" --mb ${mb} --seed ${seed} > "${path}"`,
  ]);
}

export interface ExpectedFigures {
  activities: number;
  transactions: number;
  budgets: number;
  /** Sum of transaction values per currency, in minor units. */
  totals: Record<string, bigint>;
}

/**
 * What a file holds, computed straight from its text with regular expressions (not with the
 * importer's parser), so that the import is checked against an independent reading.
 */
export function expectedFromXml(xml: string): ExpectedFigures {
  const figures: ExpectedFigures = { activities: 0, transactions: 0, budgets: 0, totals: {} };
  const text = xml.replace(/<!--[\s\S]*?-->/g, "");
  for (const [, attrs = "", body = ""] of text.matchAll(
    /<iati-activity\b([^>]*)>([\s\S]*?)<\/iati-activity>/g,
  )) {
    figures.activities++;
    const fallback = /default-currency="([A-Z]{3})"/.exec(attrs)?.[1];
    figures.budgets += (body.match(/<budget[\s>]/g) ?? []).length;
    for (const [transaction] of body.matchAll(/<transaction\b[\s\S]*?<\/transaction>/g)) {
      figures.transactions++;
      const [, valueAttrs = "", amount = ""] =
        /<value\b([^>]*)>([^<]*)<\/value>/.exec(transaction) ?? [];
      const currency = /currency="([A-Z]{3})"/.exec(valueAttrs)?.[1] ?? fallback ?? "?";
      const digits = currencyDigits(currency) ?? 2;
      const [whole = "0", fraction = ""] = amount.trim().split(".");
      const minor =
        BigInt(whole) * 10n ** BigInt(digits) +
        BigInt(fraction.padEnd(digits, "0").slice(0, digits) || "0") *
          (whole.startsWith("-") ? -1n : 1n);
      figures.totals[currency] = (figures.totals[currency] ?? 0n) + minor;
    }
  }
  return figures;
}

/** The same figures as stored for one publisher's current publication. */
export async function storedFigures(
  db: Kysely<Database>,
  publisherRef: string,
): Promise<ExpectedFigures> {
  const publication = await db
    .selectFrom("iati_publications")
    .select("id")
    .where("publisher_ref", "=", publisherRef)
    .where("state", "=", "current")
    .executeTakeFirstOrThrow();
  const activities = await db
    .selectFrom("iati_activities")
    .select(["id"])
    .where("publication_id", "=", publication.id)
    .execute();
  const ids = activities.map((a) => a.id);
  const transactions = ids.length
    ? await db
        .selectFrom("iati_transactions")
        .select(["currency", "amount_minor"])
        .where("activity_id", "in", ids)
        .execute()
    : [];
  const budgets = ids.length
    ? await db.selectFrom("iati_budgets").select("seq").where("activity_id", "in", ids).execute()
    : [];
  const totals: Record<string, bigint> = {};
  for (const t of transactions) totals[t.currency] = (totals[t.currency] ?? 0n) + t.amount_minor;
  return {
    activities: ids.length,
    transactions: transactions.length,
    budgets: budgets.length,
    totals,
  };
}

type CountedTable =
  | "iati_publications"
  | "iati_activities"
  | "iati_transactions"
  | "iati_budgets"
  | "organizations"
  | "support_flows";

/** How many rows a table holds. */
export async function countRows(db: Kysely<Database>, table: CountedTable): Promise<number> {
  const { n } = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<bigint>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * Row counts of every table an import writes, to show that a refusal wrote nothing: staging
 * rows included, so that one left behind shows too.
 */
export async function importFootprint(db: Kysely<Database>) {
  const count = (table: CountedTable) => countRows(db, table);
  return {
    publications: await count("iati_publications"),
    activities: await count("iati_activities"),
    transactions: await count("iati_transactions"),
    budgets: await count("iati_budgets"),
    organizations: await count("organizations"),
    flows: await count("support_flows"),
  };
}
