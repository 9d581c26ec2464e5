import { useQuery } from "@tanstack/react-query";
import { oasBodyEntrySchema, oasBodyListSchema } from "../../../contracts/oas-bodies.ts";
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
