import { type SelectQueryBuilder, sql } from "kysely";

/** Which rows of a list to return: `limit` of them after skipping `offset`. */
export interface PageWindow {
  limit: number;
  offset: number;
}

/**
 * One page of a list and how many rows its filter matches in all, read side by side. `rows`
 * is the list selected and ordered; `count` is the same filter (its selection and order, if
 * any, are dropped), so a join that only adds columns to the rows need not be counted.
 *
 * Example: 120 organizations, `{ limit: 50, offset: 100 }` → the last 20 rows, total 120.
 */
export async function readPage<DB, TB extends keyof DB, O, CountDB, CountTB extends keyof CountDB>(
  options: {
    rows: SelectQueryBuilder<DB, TB, O>;
    count: SelectQueryBuilder<CountDB, CountTB, unknown>;
  },
  page: PageWindow,
): Promise<{ rows: O[]; total: number }> {
  // The count's row is { total } whatever the query's tables; Kysely cannot see that through
  // the generic tables, so it is told.
  const counted = options.count
    .clearSelect()
    .clearOrderBy()
    .select(sql<bigint>`count(*)`.as("total"))
    .$castTo<{ total: bigint }>();
  const [rows, count] = await Promise.all([
    options.rows.limit(page.limit).offset(page.offset).execute(),
    counted.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}
