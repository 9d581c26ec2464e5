/** One server-sent event as a client reads it. */
export interface ServerSentEvent {
  event: string;
  data: string;
  id: string | null;
}

export interface EventStreamReader {
  status: number;
  headers: Headers;
  /** Every event read so far, in order. */
  events: ServerSentEvent[];
  /** The `retry:` the server asked for, once read. */
  retry: number | null;
  /** The first event (from the start) matching `accept`, waiting at most `timeoutMs` for it. */
  waitFor(
    accept: (event: ServerSentEvent) => boolean,
    timeoutMs?: number,
  ): Promise<ServerSentEvent>;
  close(): void;
}

/**
 * Opens an event stream with fetch and parses it as the EventSource spec does (fields up to
 * a blank line; comments ignored), so tests read events as a browser would.
 */
export async function openEventStream(
  url: string,
  headers: Record<string, string> = {},
): Promise<EventStreamReader> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { accept: "text/event-stream", ...headers },
    signal: controller.signal,
  });
  const events: ServerSentEvent[] = [];
  const waiters = new Set<() => void>();
  const reader: EventStreamReader = {
    status: response.status,
    headers: response.headers,
    events,
    retry: null,
    async waitFor(accept, timeoutMs = 5000) {
      return new Promise<ServerSentEvent>((resolve, reject) => {
        const check = () => {
          const found = events.find(accept);
          if (!found) return false;
          clearTimeout(timer);
          waiters.delete(check as () => void);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check as () => void);
          reject(
            new Error(
              `no matching event within ${timeoutMs} ms; read: ${events.map((e) => e.event).join(", ")}`,
            ),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check as () => void);
      });
    },
    close: () => controller.abort(),
  };
  if (!response.body) return reader;
  const decoder = new TextDecoder();
  let buffer = "";
  void (async () => {
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: ServerSentEvent = { event: "message", data: "", id: null };
          const data: string[] = [];
          let hasData = false;
          for (const line of block.split("\n")) {
            if (!line || line.startsWith(":")) continue;
            const colon = line.indexOf(":");
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
            if (field === "event") event.event = value;
            else if (field === "data") {
              data.push(value);
              hasData = true;
            } else if (field === "id") event.id = value;
            else if (field === "retry") reader.retry = Number(value);
          }
          if (hasData) {
            event.data = data.join("\n");
            events.push(event);
            for (const waiter of [...waiters]) waiter();
          }
          end = buffer.indexOf("\n\n");
        }
      }
    } catch {
      // Aborted by close(), or the server went away: the events read so far stay.
    }
  })();
  return reader;
}
