import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { OasBodyKind } from "../../../contracts/enum-values.ts";
import {
  oasBodyEntrySchema,
  oasBodyListSchema,
  oasBodySchema,
} from "../../../contracts/oas-bodies.ts";
import { api } from "../../api/client.ts";

export const useOasBodies = () =>
  useQuery({
    queryKey: ["oas-bodies"],
    queryFn: () => api.get("/oas-bodies", oasBodyListSchema),
    staleTime: 60_000,
  });

export const useOasBody = (code: string, enabled = true) =>
  useQuery({
    queryKey: ["oas-bodies", code],
    queryFn: () => api.get(`/oas-bodies/${encodeURIComponent(code)}`, oasBodyEntrySchema),
    enabled,
  });

/** What the secretariat's form sends: a new body, or the changed fields of one. */
export interface BodyInput {
  code: string;
  name: { es: string; en: string };
  acronym: string | null;
  body_kind: OasBodyKind;
  parent: string | null;
  mandate: { es: string; en: string };
  contact_role: { es: string; en: string };
  components: string[];
  lines_of_action: string[];
  source: string | null;
}

/** The secretariat adds a body, or edits one (PATCH with the version it read). */
export function useSaveOasBody(existing: { code: string; version: number } | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, ...rest }: BodyInput) =>
      existing
        ? api.patch(`/oas-bodies/${encodeURIComponent(existing.code)}`, oasBodySchema, {
            ...rest,
            version: existing.version,
          })
        : api.post("/oas-bodies", oasBodySchema, { code, ...rest }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["oas-bodies"] }),
  });
}
