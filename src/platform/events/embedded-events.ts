import type { PGlite } from "@electric-sql/pglite";
import { type EventBus, TopicEmitter } from "./event-bus.ts";
import { EVENT_CHANNEL, parseEventMessage } from "./publish.ts";

/**
 * The bus on the embedded database: PGlite runs in this process, so its NOTIFY reaches this
 * process only, through an EventEmitter. Publishing stays a NOTIFY in the writer's
 * transaction (publish.ts), so an event is heard after its commit and never after a rollback,
 * as on PostgreSQL.
 *
 * Open it before the app serves requests: PGlite is one session, and a LISTEN sent while a
 * request's transaction holds it would belong to that transaction.
 */
export async function openEmbeddedEventBus(pglite: PGlite): Promise<EventBus> {
  const topics = new TopicEmitter();
  const stop = await pglite.listen(EVENT_CHANNEL, (text) => {
    const message = parseEventMessage(text);
    if (message) topics.emit(message);
  });
  let open = true;
  return {
    subscribe: (topic, handler) => topics.subscribe(topic, handler),
    get connected() {
      return open;
    },
    async close() {
      if (!open) return;
      open = false;
      topics.clear();
      if (!pglite.closed) await stop();
    },
  };
}
