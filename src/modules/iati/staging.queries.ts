import { type Kysely, sql } from "kysely";
import type { Database } from "../../platform/db/schema.ts";
import { type StagedLiterals, stagedColumns } from "./staged-rows.ts";

/**
 * Writes taken rows into a publication in one statement. Each column is one text parameter
 * unpacked by `unnest` in the select list, which streams the rows into the insert (unnest in
 * FROM, or jsonb_to_recordset, first copies the whole batch into a tuplestore that spills to
 * disk past work_mem); transactions and budgets find their activity's id by its position.
 */
export async function insertStagedRows(
  db: Kysely<Database>,
  publicationId: string,
  literals: StagedLiterals,
): Promise<void> {
  const [ids = "{}", ...activityLiterals] = literals.activities;
  const { id: _, ...activityColumns } = stagedColumns.activities;
  const names = (columns: object) => sql.join(Object.keys(columns).map((name) => sql.ref(name)));
  const unpack = (columns: Record<string, string>, values: string[]) =>
    sql.join(
      Object.values(columns).map((type, i) => {
        const literal = values[i] ?? "{}";
        return type === "ordinal"
          ? sql`(select ids from batch)[unnest(${literal}::text::int[])]`
          : sql`unnest(${literal}::text::${sql.raw(type)}[])`;
      }),
    );
  await sql`
    with batch as (
      select ${ids}::text::uuid[] as ids
    ), activities as (
      insert into iati_activities (id, publication_id, ${names(activityColumns)})
      select unnest((select ids from batch)), ${publicationId}::uuid,
        ${unpack(activityColumns, activityLiterals)}
    ), transactions as (
      insert into iati_transactions (${names(stagedColumns.transactions)})
      select ${unpack(stagedColumns.transactions, literals.transactions)}
    )
    insert into iati_budgets (${names(stagedColumns.budgets)})
    select ${unpack(stagedColumns.budgets, literals.budgets)}
  `.execute(db);
}
