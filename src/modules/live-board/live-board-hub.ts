import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { LiveBoard } from "../../contracts/live-board.ts";
import type { Database } from "../../platform/db/schema.ts";
import { type EventBus, RECONNECTED_TOPIC } from "../../platform/events/index.ts";
import { FLOW_RECORDED, type FlowRecordedEvent } from "../funding/index.ts";
import { readLiveBoard } from "./read-live-board.ts";

/** Writes that arrive this close together are read once (an import writes in bursts). */
const COALESCE_MS = 40;

export type BoardListener = (board: LiveBoard) => void;

interface Watched {
  /** Each screen with the last board it was sent, without its as_of: what changes nothing is not sent. */
  listeners: Map<BoardListener, string>;
  timer: NodeJS.Timeout | null;
  reading: boolean;
  /** An event arrived while reading: read again once done. */
  again: boolean;
}

/** Whether a write can change the board of `conferenceId`. */
export function concernsConference(event: FlowRecordedEvent, conferenceId: string): boolean {
  return (
    event.conference_ids === null ||
    event.conference_ids.includes(conferenceId) ||
    // A commitment or disbursement may follow a pledge of the conference without its tag.
    event.follows_prior
  );
}

const comparable = (board: LiveBoard) => JSON.stringify({ ...board, as_of: "" });

/**
 * The boards being watched on this instance, one entry per conference however many screens
 * follow it: each relevant "flow recorded" event (from any instance, through the event bus)
 * reads the board once and sends it to every screen of that conference, when it changed.
 * After the bus reconnects (events may have been missed), every watched board is read again.
 */
export class LiveBoardHub {
  private readonly watched = new Map<string, Watched>();
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    private readonly db: Kysely<Database>,
    events: EventBus,
    private readonly log: FastifyBaseLogger,
  ) {
    this.unsubscribe.push(
      events.subscribe(FLOW_RECORDED, (payload) => {
        const event = payload as FlowRecordedEvent;
        for (const id of this.watched.keys()) {
          if (concernsConference(event, id)) this.schedule(id);
        }
      }),
      events.subscribe(RECONNECTED_TOPIC, () => {
        for (const id of this.watched.keys()) this.schedule(id);
      }),
    );
  }

  /**
   * Follows the board of a conference for a screen that was sent `current`; the function
   * returned stops. The board is read once more just after: a write committed between the
   * screen's first read and its joining is not missed.
   */
  join(current: LiveBoard, listener: BoardListener): () => void {
    const id = current.conference.id;
    let entry = this.watched.get(id);
    if (!entry) {
      entry = { listeners: new Map(), timer: null, reading: false, again: false };
      this.watched.set(id, entry);
    }
    entry.listeners.set(listener, comparable(current));
    this.schedule(id);
    const watched = entry;
    return () => {
      watched.listeners.delete(listener);
      if (watched.listeners.size === 0 && this.watched.get(id) === watched) {
        if (watched.timer) clearTimeout(watched.timer);
        this.watched.delete(id);
      }
    };
  }

  /** How many screens follow each conference on this instance (for tests and health). */
  screens(): number {
    let count = 0;
    for (const entry of this.watched.values()) count += entry.listeners.size;
    return count;
  }

  close(): void {
    for (const stop of this.unsubscribe.splice(0)) stop();
    for (const entry of this.watched.values()) if (entry.timer) clearTimeout(entry.timer);
    this.watched.clear();
  }

  private schedule(id: string): void {
    const entry = this.watched.get(id);
    if (!entry) return;
    if (entry.reading) {
      entry.again = true;
      return;
    }
    if (entry.timer) return;
    entry.timer = setTimeout(() => {
      entry.timer = null;
      void this.refresh(id, entry);
    }, COALESCE_MS);
  }

  private async refresh(id: string, entry: Watched): Promise<void> {
    entry.reading = true;
    entry.again = false;
    try {
      const board = await readLiveBoard({ db: this.db, idOrCode: id });
      const text = comparable(board);
      for (const [listener, last] of entry.listeners) {
        if (last === text) continue;
        entry.listeners.set(listener, text);
        listener(board);
      }
    } catch (error) {
      this.log.warn(`live board ${id} could not be read: ${String(error)}`);
    } finally {
      entry.reading = false;
      if (entry.again && this.watched.get(id) === entry) this.schedule(id);
    }
  }
}
