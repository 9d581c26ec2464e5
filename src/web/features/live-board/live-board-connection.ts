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
export const SILENCE_MS = 40_000;
/** After the browser gave up on a stream (the server answered with an error), the next try. */
export const REOPEN_MS = [1_000, 2_000, 5_000, 10_000] as const;
/** EventSource.readyState once the browser has given up on a stream. */
const CLOSED = 2;

/** What the connection needs of an EventSource (the browser's, or a test's). */
export interface EventSourceLike {
  readonly readyState: number;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

export interface LiveBoardConnectionOptions {
  url: string;
  openSource(url: string): EventSourceLike;
  onBoard(board: LiveBoard): void;
  onHeard(at: Date): void;
  onState(state: ConnectionState): void;
}

/**
 * Follows a board's event stream: each snapshot is handed on, each event (snapshot or
 * heartbeat) is when the server was last heard. EventSource reconnects by itself after a
 * dropped connection (after the server's `retry:`); when it gives up instead (a proxy's error
 * page while the server restarts), the stream is opened again here, backing off; and any
 * stream, new or old, that says nothing for SILENCE_MS is taken for dead and opened again.
 * Returns the function that stops following.
 */
export function connectLiveBoard(options: LiveBoardConnectionOptions): () => void {
  let source: EventSourceLike | null = null;
  let reopenTimer: ReturnType<typeof setTimeout> | undefined;
  let silenceTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let stopped = false;

  const watchSilence = () => {
    clearTimeout(silenceTimer);
    silenceTimer = setTimeout(() => {
      options.onState("reconnecting");
      open();
    }, SILENCE_MS);
  };
  const heard = () => {
    options.onHeard(new Date());
    options.onState("live");
    failures = 0;
    watchSilence();
  };
  const reopenLater = () => {
    clearTimeout(reopenTimer);
    const wait = REOPEN_MS[Math.min(failures, REOPEN_MS.length - 1)];
    failures++;
    reopenTimer = setTimeout(open, wait);
  };
  function open() {
    if (stopped) return;
    clearTimeout(reopenTimer);
    source?.close();
    const next = options.openSource(options.url);
    source = next;
    // A stream that never says anything (not even its first snapshot) is dead too.
    watchSilence();
    next.addEventListener("snapshot", (event) => {
      const parsed = parseEvent(event, liveBoardSchema);
      if (!parsed || source !== next) return;
      options.onBoard(parsed);
      heard();
    });
    next.addEventListener("heartbeat", (event) => {
      if (source === next && parseEvent(event, liveBoardHeartbeatSchema)) heard();
    });
    next.onerror = () => {
      if (source !== next) return;
      options.onState("reconnecting");
      // CONNECTING: the browser retries by itself. CLOSED: it gave up, so try again here.
      if (next.readyState === CLOSED) reopenLater();
    };
  }

  open();
  return () => {
    stopped = true;
    clearTimeout(reopenTimer);
    clearTimeout(silenceTimer);
    source?.close();
  };
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
