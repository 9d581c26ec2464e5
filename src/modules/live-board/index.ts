export { liveBoardRoutes } from "./live-board.routes.ts";
export { readLiveBoard } from "./read-live-board.ts";
