import { EventEmitter } from "node:events";
import type { EventMessage } from "./publish.ts";

/**
 * Published once a listener (re)connects after losing the database: events may have been
 * missed meanwhile, so a subscriber that keeps state reads it again.
 */
export const RECONNECTED_TOPIC = "events.reconnected";

export type EventHandler = (payload: unknown) => void;

/**
 * What modules subscribe through: the events published (publish.ts) by any instance on the
 * same database, in the order their transactions committed. Built by the composition root
 * (src/app) for the backend it opened: embedded-events.ts or postgres-events.ts.
 */
export interface EventBus {
  /** Calls `handler` with each event of `topic` from now on; the function returned stops it. */
  subscribe(topic: string, handler: EventHandler): () => void;
  /** Whether the bus is hearing the database now (false while a lost listener reconnects). */
  readonly connected: boolean;
  close(): Promise<void>;
}

/** The in-process half every bus shares: topics fanned out to their handlers. */
export class TopicEmitter {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One handler per open event stream (a projector, phones): no arbitrary cap.
    this.emitter.setMaxListeners(0);
  }

  subscribe(topic: string, handler: EventHandler): () => void {
    // A throwing subscriber must not stop the others hearing the event.
    const safe = (payload: unknown) => {
      try {
        handler(payload);
      } catch (error) {
        process.stderr.write(`ESCA Hub: an event handler of ${topic} failed: ${String(error)}\n`);
      }
    };
    this.emitter.on(topic, safe);
    return () => {
      this.emitter.off(topic, safe);
    };
  }

  emit(message: EventMessage): void {
    this.emitter.emit(message.topic, message.payload);
  }

  clear(): void {
    this.emitter.removeAllListeners();
  }
}
