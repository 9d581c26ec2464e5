import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Who is acting in the current request (or CLI command), reachable from any code it runs —
 * in particular from the database pool, which hands it to PostgreSQL (`esca.ctx`) so the
 * audit trigger can record who changed a row, from where, in which request.
 */
export interface RequestContext {
  requestId: string | null;
  clientAddress: string | null;
  userId: string | null;
  /** Human-readable actor: the user's email, "demo-seed", "esca-cli", "anonymous". */
  actor: string;
  organizationId: string | null;
  /**
   * Which server this request's queries run on when a read replica is configured: "replica"
   * once http/read-routing.ts has routed an anonymous read there (db/read-replica.ts).
   */
  readFrom?: "primary" | "replica";
  /**
   * The request only reads (GET, HEAD): on the embedded database its statements wait for the
   * one connection ahead of queued writers' (pglite-pool.ts), so a crowd of writers cannot
   * hold up a public read for more than the transaction running.
   */
  readsOnly?: boolean;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const currentContext = (): RequestContext | undefined => storage.getStore();

/** Runs `work` with `context` as the current context (a copy: the caller's stays intact). */
export function runWithContext<T>(context: RequestContext, work: () => T): T {
  return storage.run({ ...context }, work);
}

/** Fills in who is acting once the request is authenticated. */
export function setContextUser(user: {
  id: string;
  email: string;
  organizationId: string | null;
}): void {
  const store = storage.getStore();
  if (!store) return;
  store.userId = user.id;
  store.actor = user.email;
  store.organizationId = user.organizationId;
}

export const systemContext = (actor: string): RequestContext => ({
  requestId: null,
  clientAddress: null,
  userId: null,
  actor,
  organizationId: null,
});
