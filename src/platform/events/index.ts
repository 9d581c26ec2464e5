import type { DatabaseHandle } from "../db/connect.ts";
import { openEmbeddedEventBus } from "./embedded-events.ts";
import type { EventBus } from "./event-bus.ts";
import { openPostgresEventBus, type PostgresEventBusOptions } from "./postgres-events.ts";

export { type EventBus, type EventHandler, RECONNECTED_TOPIC } from "./event-bus.ts";
export { type EventMessage, publish } from "./publish.ts";

/** The event bus of an opened database: in-process on PGlite, LISTEN/NOTIFY on PostgreSQL. */
export function openEventBus(
  handle: Pick<DatabaseHandle, "pglite" | "connectionString">,
  options: PostgresEventBusOptions = {},
): Promise<EventBus> {
  if (handle.pglite) return openEmbeddedEventBus(handle.pglite);
  if (handle.connectionString) return openPostgresEventBus(handle.connectionString, options);
  throw new Error("the database handle has neither PGlite nor a connection string");
}
