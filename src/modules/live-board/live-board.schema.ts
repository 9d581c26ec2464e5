import { z } from "zod";

// The answers are shared with the web: src/contracts/live-board.ts.
export {
  type LiveBoard,
  liveBoardHeartbeatSchema,
  liveBoardSchema,
} from "../../contracts/live-board.ts";

/** A conference by its uuid or its code ("GUA-2011"), as the conferences' routes take it. */
export const liveBoardParams = z.object({ id: z.string().min(1).max(64) });
