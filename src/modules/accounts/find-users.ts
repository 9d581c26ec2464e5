import type { Kysely } from "kysely";
import { readPage } from "../../platform/db/paging.ts";
import { containsPattern } from "../../platform/db/query-helpers.ts";
import type { Database } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import type { ListUsersQuery, User } from "./accounts.schema.ts";
import { findUserRecord, selectUsers, toUser } from "./users.queries.ts";

export async function findUsers(options: { db: Kysely<Database>; query: ListUsersQuery }) {
  const { query } = options;
  let base = selectUsers(options.db);
  if (query.role) base = base.where("u.role", "=", query.role);
  if (query.active !== undefined) base = base.where("u.active", "=", query.active);
  if (query.organization)
    base = base.where((eb) =>
      eb.or([
        eb("o.code", "=", query.organization ?? ""),
        eb(eb.cast("o.id", "text"), "=", query.organization ?? ""),
      ]),
    );
  if (query.q) {
    const pattern = containsPattern(query.q);
    base = base.where((eb) =>
      eb.or([eb("u.email", "ilike", pattern), eb("u.name", "ilike", pattern)]),
    );
  }
  const { rows, total } = await readPage({ rows: base.orderBy("u.email"), count: base }, query);
  return {
    data: rows.map(toUser),
    page: { total, limit: query.limit, offset: query.offset },
  };
}

export async function getUser(options: { db: Kysely<Database>; idOrEmail: string }): Promise<User> {
  const record = await findUserRecord(options.db, options.idOrEmail);
  if (!record) throw notFound("user", options.idOrEmail);
  return toUser(record);
}
