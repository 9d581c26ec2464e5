import { useQuery } from "@tanstack/react-query";
import { liveBoardSchema } from "../../../contracts/live-board.ts";
import { api } from "../../api/client.ts";
import { liveBoardKey } from "./live-board-stream.ts";

/** The board's first snapshot (a 404 shows as such); the event stream keeps it current. */
export const useLiveBoard = (id: string) =>
  useQuery({
    queryKey: liveBoardKey(id),
    queryFn: () => api.get(`/conferences/${encodeURIComponent(id)}/live`, liveBoardSchema),
    // The stream replaces it; reading it again on focus would only race the stream.
    staleTime: Number.POSITIVE_INFINITY,
  });
