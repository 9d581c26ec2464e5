import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../platform/db/schema.ts";

/**
 * The seed's transaction, as the use cases receive it. Kysely refuses `transaction()` on a
 * transaction, and several use cases open their own (`db.transaction().execute(...)`) when
 * called alone; here such an inner transaction joins the seed's instead, so that the whole
 * seed commits or rolls back as one. Use cases that already check `db.isTransaction` (the
 * funding module's inTransaction) see a transaction and run in it directly.
 */
export function joinTransaction(trx: Transaction<Database>): Kysely<Database> {
  const joined = {
    execute: <T>(work: (inner: Transaction<Database>) => Promise<T>): Promise<T> => work(trx),
    // Isolation and access mode are the outer transaction's; the inner one cannot change them.
    setIsolationLevel: () => joined,
    setAccessMode: () => joined,
  };
  return new Proxy(trx, {
    get(target, property) {
      if (property === "transaction") return () => joined;
      // Kysely keeps its state in private fields: methods must run on the real object.
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
