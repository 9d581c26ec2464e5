import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";

/** The one PostgreSQL channel every ESCA Hub event travels on; the topic is in the message. */
export const EVENT_CHANNEL = "esca_events";

/**
 * PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. Events carry ids, never records:
 * a subscriber reads what it needs again, so a payload this large is a programming error.
 */
export const MAX_EVENT_BYTES = 7900;

/** What travels on the channel: the topic and its small payload (ids, counts). */
export interface EventMessage<T = unknown> {
  topic: string;
  payload: T;
}

/**
 * Publishes an event that subscribers hear only once `db`'s transaction commits, and never
 * when it rolls back: it is a NOTIFY in the writer's own transaction, which PostgreSQL (and
 * PGlite, the same server in-process) delivers at commit. Outside a transaction it is
 * delivered at once. Every instance listening on the database hears it (event-bus.ts).
 */
export async function publish<T>(db: Kysely<Database>, topic: string, payload: T): Promise<void> {
  const text = JSON.stringify({ topic, payload } satisfies EventMessage<T>);
  if (Buffer.byteLength(text) > MAX_EVENT_BYTES) {
    throw new Error(`event ${topic} is ${Buffer.byteLength(text)} bytes; send ids, not records`);
  }
  await sql`select pg_notify(${EVENT_CHANNEL}, ${text})`.execute(db);
}

/** A channel message read back, or null when it is not one of ours. */
export function parseEventMessage(text: string): EventMessage | null {
  try {
    const value = JSON.parse(text) as Partial<EventMessage>;
    return typeof value.topic === "string" ? { topic: value.topic, payload: value.payload } : null;
  } catch {
    return null;
  }
}
