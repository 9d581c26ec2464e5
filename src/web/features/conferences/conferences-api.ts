import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod/mini";
import {
  conferenceDetailSchema,
  conferenceListSchema,
  conferenceSchema,
  groupOfFriendsSchema,
} from "../../../contracts/conferences.ts";
import { okSchema, uuid } from "../../../contracts/shapes.ts";
import { api } from "../../api/client.ts";

/** The parts of a conference the secretariat edits one by one (PUT/DELETE by id). */
export type PartKind = "sessions" | "delegations" | "documents" | "contributions";

const idAnswer = z.object({ id: uuid });

export const useConferenceList = () =>
  useQuery({
    queryKey: ["conferences"],
    queryFn: () => api.get("/conferences", conferenceListSchema, { limit: 200 }),
  });

export const useConference = (id: string) =>
  useQuery({
    queryKey: ["conference", id],
    queryFn: () => api.get(`/conferences/${encodeURIComponent(id)}`, conferenceDetailSchema),
    enabled: id !== "",
  });

export const useGroupOfFriends = () =>
  useQuery({
    queryKey: ["group-of-friends"],
    queryFn: () => api.get("/group-of-friends", groupOfFriendsSchema),
  });

function useInvalidate() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ["conferences"] });
    void client.invalidateQueries({ queryKey: ["conference"] });
    void client.invalidateQueries({ queryKey: ["group-of-friends"] });
  };
}

export function useCreateConference() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: object) => api.post("/conferences", conferenceSchema, input),
    onSuccess: invalidate,
  });
}

export function useUpdateConference(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: object) =>
      api.patch(`/conferences/${encodeURIComponent(id)}`, conferenceSchema, input),
    onSuccess: invalidate,
  });
}

/** Adds a part, or replaces the one with `partId` (sent whole, with its version). */
export function useSavePart(conferenceId: string, kind: PartKind) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ partId, input }: { partId: string | null; input: object }) => {
      const base = `/conferences/${encodeURIComponent(conferenceId)}/${kind}`;
      return partId
        ? api.put(`${base}/${partId}`, idAnswer, input)
        : api.post(base, idAnswer, input);
    },
    onSuccess: invalidate,
  });
}

export function useRemovePart(conferenceId: string, kind: PartKind) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (partId: string) =>
      api.delete(`/conferences/${encodeURIComponent(conferenceId)}/${kind}/${partId}`, okSchema),
    onSuccess: invalidate,
  });
}

/** Records when a member joined the Group of Friends (staff). */
export function useSetGroupOfFriendsJoin() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ organizationId, input }: { organizationId: string; input: object }) =>
      api.put(`/group-of-friends/${organizationId}`, okSchema, input),
    onSuccess: invalidate,
  });
}
