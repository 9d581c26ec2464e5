import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import {
  type LiveBoard,
  liveBoardHeartbeatSchema,
  liveBoardSchema,
} from "../../../contracts/live-board.ts";

/** The state of the board's connection to the server, as the screen shows it. */
export type ConnectionState = "connecting" | "live" | "reconnecting";

/**
 * Heard nothing (no snapshot, no 15-second heartbeat) for this long: the connection is taken
 * for dead (a sleeping phone, a dropped Wi-Fi that never said so) and opened again.
 */
const SILENCE_MS = 40_000;
/** After the browser gave up on a stream (the server answered with an error), the next try. */
const REOPEN_MS = [1_000, 2_000, 5_000, 10_000] as const;

export const liveBoardKey = (id: string) => ["live-board", id] as const;

/**
 * Follows the board of conference `id` over server-sent events: each snapshot replaces the
 * board in the query cache, each event (snapshot or heartbeat) is when the server was last
 * heard. EventSource reconnects by itself after a dropped connection (after the server's
 * `retry:`); when it gives up instead (a proxy's error page while the server restarts), or
 * hears nothing for SILENCE_MS, the stream is opened again here.
 */
export function useLiveBoardStream(id: string): { state: ConnectionState; lastHeard: Date | null } {
  const client = useQueryClient();
  const [state, setState] = useState<ConnectionState>("connecting");
  const [lastHeard, setLastHeard] = useState<Date | null>(null);

  useEffect(() => {
    let source: EventSource | null = null;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    let silenceTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;

    const heard = () => {
      setLastHeard(new Date());
      setState("live");
      failures = 0;
      clearTimeout(silenceTimer);
      silenceTimer = setTimeout(() => {
        setState("reconnecting");
        open();
      }, SILENCE_MS);
    };
    const reopenLater = () => {
      clearTimeout(reopenTimer);
      const wait = REOPEN_MS[Math.min(failures, REOPEN_MS.length - 1)];
      failures++;
      reopenTimer = setTimeout(open, wait);
    };
    function open() {
      if (stopped) return;
      source?.close();
      const next = new EventSource(`/api/conferences/${encodeURIComponent(id)}/live/events`);
      source = next;
      next.addEventListener("snapshot", (event) => {
        const parsed = parseEvent(event, liveBoardSchema);
        if (!parsed) return;
        client.setQueryData<LiveBoard>(liveBoardKey(id), parsed);
        heard();
      });
      next.addEventListener("heartbeat", (event) => {
        if (parseEvent(event, liveBoardHeartbeatSchema)) heard();
      });
      next.onerror = () => {
        if (source !== next) return;
        setState("reconnecting");
        // CONNECTING: the browser retries by itself. CLOSED: it gave up, so try again here.
        if (next.readyState === EventSource.CLOSED) reopenLater();
      };
    }

    open();
    return () => {
      stopped = true;
      clearTimeout(reopenTimer);
      clearTimeout(silenceTimer);
      source?.close();
    };
  }, [client, id]);

  return { state, lastHeard };
}

function parseEvent<T>(
  event: Event,
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse((event as MessageEvent<string>).data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
