import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LiveBoard } from "../../../contracts/live-board.ts";
import {
  type ConnectionState,
  connectLiveBoard,
  type EventSourceLike,
  REOPEN_MS,
  SILENCE_MS,
} from "./live-board-connection.ts";

/** A stream the test drives: it says what the server would, or fails as the network would. */
class FakeSource implements EventSourceLike {
  readyState = 0;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private readonly listeners = new Map<string, ((event: Event) => void)[]>();
  addEventListener(type: string, listener: (event: Event) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data: unknown) {
    const event = { data: JSON.stringify(data) } as MessageEvent<string>;
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
  fail(readyState: 0 | 2) {
    this.readyState = readyState;
    this.onerror?.({} as Event);
  }
}

const board = (announced: string): LiveBoard => ({
  conference: {
    id: "3f1c2b8e-5d4a-4c3b-9a2e-1f0e9d8c7b6a",
    code: "GUA-2011",
    name: { es: "Conferencia", en: "Conference" },
    city: "Guatemala City",
    country: "GT",
    start_date: "2011-06-22",
    end_date: "2011-06-23",
    source: null,
  },
  as_of: "2011-06-22T10:00:00.000Z",
  currency: "USD",
  totals: { announced, committed: "0.00", disbursed: "0.00", announced_not_committed: announced },
  partners: [],
  latest_pledges: [],
  pledge_count: 0,
  sources: [],
  illustrative: false,
});

describe("the live board's connection to the server", () => {
  let sources: FakeSource[];
  let boards: string[];
  let states: ConnectionState[];
  let heard: Date[];
  let stop: () => void;
  const latest = () => sources[sources.length - 1] as FakeSource;

  beforeEach(() => {
    vi.useFakeTimers();
    sources = [];
    boards = [];
    states = [];
    heard = [];
    stop = connectLiveBoard({
      url: "/api/conferences/GUA-2011/live/events",
      openSource: (url) => {
        expect(url).toBe("/api/conferences/GUA-2011/live/events");
        const source = new FakeSource();
        sources.push(source);
        return source;
      },
      onBoard: (next) => boards.push(next.totals.announced),
      onHeard: (at) => heard.push(at),
      onState: (state) => states.push(state),
    });
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it("hands on each snapshot and counts each heartbeat as hearing from the server", () => {
    latest().emit("snapshot", board("100.00"));
    latest().emit("heartbeat", { at: "2011-06-22T10:00:15.000Z" });
    // Something else than a board is not one.
    latest().emit("snapshot", { totals: "broken" });
    expect(boards).toEqual(["100.00"]);
    expect(heard).toHaveLength(2);
    expect(states).toEqual(["live", "live"]);
  });

  it("leaves a dropped stream to the browser's own retry, and opens a given-up one again, backing off", () => {
    latest().emit("snapshot", board("100.00"));
    latest().fail(0);
    expect(states.at(-1)).toBe("reconnecting");
    vi.advanceTimersByTime(REOPEN_MS[0] * 5);
    // Still the browser's to retry: nothing opened here (the silence watch is not due yet).
    expect(sources).toHaveLength(1);

    latest().fail(2);
    vi.advanceTimersByTime(REOPEN_MS[0] - 1);
    expect(sources).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sources).toHaveLength(2);
    expect(sources[0]?.closed).toBe(true);
    latest().fail(2);
    vi.advanceTimersByTime(REOPEN_MS[1] - 1);
    expect(sources).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sources).toHaveLength(3);
    latest().emit("snapshot", board("250.00"));
    expect(boards).toEqual(["100.00", "250.00"]);
    expect(states.at(-1)).toBe("live");
  });

  it("opens a silent stream again, and again while the new one says nothing either", () => {
    latest().emit("snapshot", board("100.00"));
    vi.advanceTimersByTime(SILENCE_MS - 1);
    expect(sources).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sources).toHaveLength(2);
    expect(states.at(-1)).toBe("reconnecting");
    // The network is still down and the new stream hangs without an error: tried again.
    vi.advanceTimersByTime(SILENCE_MS);
    expect(sources).toHaveLength(3);
    expect(sources.slice(0, 2).every((s) => s.closed)).toBe(true);
    // What a replaced stream still says is not taken for the board.
    sources[0]?.emit("snapshot", board("999.00"));
    expect(boards).toEqual(["100.00"]);
    latest().emit("snapshot", board("100.00"));
    expect(states.at(-1)).toBe("live");
  });

  it("stops: the stream closed and nothing opened again", () => {
    stop();
    expect(latest().closed).toBe(true);
    vi.advanceTimersByTime(SILENCE_MS * 3);
    expect(sources).toHaveLength(1);
  });
});
