import pg from "pg";
import { type EventBus, RECONNECTED_TOPIC, TopicEmitter } from "./event-bus.ts";
import { EVENT_CHANNEL, parseEventMessage } from "./publish.ts";

export interface PostgresEventBusOptions {
  /** The first wait before reconnecting a lost listener, doubled each failure up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
  /** Where a lost or failed listener is reported (default: standard error). */
  log?: (line: string) => void;
}

/**
 * The bus on a PostgreSQL server: one dedicated connection per process, outside the pool,
 * LISTENs on the channel, so every instance serving the database hears every event committed
 * by any of them (or by a command run beside them). A lost connection (a server restart, an
 * administrator ending it) is opened again, waiting longer after each failure; once it
 * listens again, subscribers of RECONNECTED_TOPIC are told, since events may have been
 * missed meanwhile.
 */
export async function openPostgresEventBus(
  connectionString: string,
  options: PostgresEventBusOptions = {},
): Promise<EventBus> {
  const topics = new TopicEmitter();
  const retryMs = options.retryMs ?? 250;
  const maxRetryMs = options.maxRetryMs ?? 5000;
  const log = options.log ?? ((line: string) => process.stderr.write(`ESCA Hub: ${line}\n`));
  let client: pg.Client | null = null;
  let connected = false;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let wait = retryMs;

  async function listen(): Promise<void> {
    const next = new pg.Client({ connectionString, application_name: "esca-events" });
    // Errors after connecting arrive as "error" and then "end": the end schedules the retry.
    next.on("error", (error) => log(`the event listener lost the database: ${error.message}`));
    next.on("notification", (message) => {
      if (message.channel !== EVENT_CHANNEL || !message.payload) return;
      const parsed = parseEventMessage(message.payload);
      if (parsed) topics.emit(parsed);
    });
    next.on("end", () => {
      if (client !== next) return;
      client = null;
      connected = false;
      if (!closed) retry();
    });
    client = next;
    try {
      await next.connect();
      await next.query(`listen ${EVENT_CHANNEL}`);
    } catch (error) {
      if (client === next) client = null;
      await next.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      await next.end();
      return;
    }
    connected = true;
    wait = retryMs;
  }

  function retry(): void {
    if (closed || timer) return;
    timer = setTimeout(async () => {
      timer = null;
      try {
        await listen();
        if (connected) topics.emit({ topic: RECONNECTED_TOPIC, payload: null });
      } catch (error) {
        log(`the event listener could not reconnect (retrying): ${String(error)}`);
        wait = Math.min(wait * 2, maxRetryMs);
        retry();
      }
    }, wait);
    timer.unref();
  }

  // The first connection must succeed: a server that cannot listen should not start.
  await listen();
  return {
    subscribe: (topic, handler) => topics.subscribe(topic, handler),
    get connected() {
      return connected;
    },
    async close() {
      closed = true;
      connected = false;
      if (timer) clearTimeout(timer);
      timer = null;
      topics.clear();
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}
