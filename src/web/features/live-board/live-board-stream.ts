import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { LiveBoard } from "../../../contracts/live-board.ts";
import { type ConnectionState, connectLiveBoard } from "./live-board-connection.ts";

export type { ConnectionState } from "./live-board-connection.ts";

export const liveBoardKey = (id: string) => ["live-board", id] as const;

/**
 * Follows the board of conference `id` over server-sent events (connectLiveBoard): each
 * snapshot replaces the board in the query cache; the screen shows the connection's state
 * and when the server was last heard.
 */
export function useLiveBoardStream(id: string): { state: ConnectionState; lastHeard: Date | null } {
  const client = useQueryClient();
  const [state, setState] = useState<ConnectionState>("connecting");
  const [lastHeard, setLastHeard] = useState<Date | null>(null);

  useEffect(
    () =>
      connectLiveBoard({
        url: `/api/conferences/${encodeURIComponent(id)}/live/events`,
        openSource: (url) => new EventSource(url),
        onBoard: (board) => client.setQueryData<LiveBoard>(liveBoardKey(id), board),
        onHeard: setLastHeard,
        onState: setState,
      }),
    [client, id],
  );

  return { state, lastHeard };
}
