import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AppError } from "../../platform/errors.ts";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import { type LiveBoard, liveBoardParams, liveBoardSchema } from "./live-board.schema.ts";
import { LiveBoardHub } from "./live-board-hub.ts";
import { readLiveBoard } from "./read-live-board.ts";

const tags = ["live-board"];

/** A heartbeat this often tells the screen the server is there, and keeps proxies from closing. */
export const HEARTBEAT_MS = 15_000;
/** How long a browser waits before reconnecting a dropped stream (the `retry:` field). */
export const RETRY_MS = 2_000;

type EventStream = FastifyReply["raw"];

/**
 * The live pledge board of a conference: its snapshot, and a server-sent event stream of
 * snapshots (each time a pledge, commitment, disbursement or reversal recorded anywhere
 * changes it) with a heartbeat. Public: the board shows published figures only.
 */
export const liveBoardRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const hub = ctx.events ? new LiveBoardHub(ctx.db, ctx.events, app.log) : null;
  // Open streams would hold a closing server open: they end first (browsers reconnect).
  const streams = new Set<EventStream>();
  app.addHook("preClose", async () => {
    for (const raw of streams) raw.end();
  });
  app.addHook("onClose", async () => hub?.close());

  app.get(
    "/conferences/:id/live",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "The live pledge board of a conference: running totals, newest pledges, partners",
        description:
          "Announced at the conference and committed so far (commitments tagged to it or following its pledges), from the funding roll-up; published figures only. A conference is named by its id or code.",
        params: liveBoardParams,
        response: { 200: liveBoardSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-cache");
      return readLiveBoard({ db: ctx.db, idOrCode: request.params.id });
    },
  );

  app.get(
    "/conferences/:id/live/events",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "Server-sent events of the live pledge board",
        description: `Events: snapshot (the board, as GET /conferences/{id}/live answers it) at once and whenever a recorded entry changes it, on whichever server instance it was recorded; heartbeat ({ at }) every ${HEARTBEAT_MS / 1000} s. The stream asks browsers to reconnect after ${RETRY_MS / 1000} s when it drops. Never compressed.`,
        params: liveBoardParams,
        produces: ["text/event-stream"],
      },
    },
    async (request, reply) => {
      if (!hub) {
        throw new AppError("not_ready", "Live updates are not available on this server.");
      }
      // An unknown conference is a plain 404 before the stream opens.
      const board = await readLiveBoard({ db: ctx.db, idOrCode: request.params.id });
      const raw = openEventStream(reply, streams);
      let sequence = 0;
      const send = (event: string, data: unknown) =>
        raw.write(`id: ${++sequence}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      raw.write(`retry: ${RETRY_MS}\n\n`);
      send("snapshot", board);
      const leave = hub.join(board, (next: LiveBoard) => send("snapshot", next));
      const heartbeat = setInterval(
        () => send("heartbeat", { at: new Date().toISOString() }),
        HEARTBEAT_MS,
      );
      heartbeat.unref();
      raw.on("close", () => {
        clearInterval(heartbeat);
        leave();
      });
    },
  );
};

/**
 * Takes the response over for a stream: the headers set so far (security headers, request
 * id) kept, never compressed or transformed on the way (@fastify/compress is bypassed by the
 * hijack; `no-transform` and `x-accel-buffering` ask proxies not to buffer or compress).
 */
function openEventStream(reply: FastifyReply, streams: Set<EventStream>): EventStream {
  reply.hijack();
  const raw = reply.raw;
  const inherited = Object.fromEntries(
    Object.entries(reply.getHeaders()).filter(([, value]) => value !== undefined),
  ) as Record<string, string | number | string[]>;
  raw.writeHead(200, {
    ...inherited,
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    "x-accel-buffering": "no",
    connection: "keep-alive",
  });
  raw.flushHeaders();
  streams.add(raw);
  raw.on("close", () => streams.delete(raw));
  return raw;
}
