import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { userSchema } from "../../../contracts/accounts.ts";
import type { Language } from "../../../contracts/enum-values.ts";
import {
  reminderListSchema,
  reminderRunListSchema,
  reminderRunSchema,
} from "../../../contracts/reminders.ts";
import { api } from "../../api/client.ts";

/** The signed-in user's open items; the navigation's count reads the same query. */
export const useInbox = (enabled = true) =>
  useQuery({
    queryKey: ["reminders", "inbox"],
    queryFn: () => api.get("/reminders/inbox", reminderListSchema),
    enabled,
    staleTime: 60_000,
  });

export const useDataQuality = () =>
  useQuery({
    queryKey: ["reminders", "data-quality"],
    queryFn: () => api.get("/reminders/data-quality", reminderListSchema),
  });

export const useReminderRuns = () =>
  useQuery({
    queryKey: ["reminders", "runs"],
    queryFn: () => api.get("/reminders/runs", reminderRunListSchema, { limit: 5 }),
  });

/** Runs the check now (staff): a snapshot of the open items and, with SMTP, the digests. */
export function useRunCheck() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post("/reminders/runs", reminderRunSchema),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["reminders"] }),
  });
}

/** The language of the signed-in user's e-mail. */
export function useSetMailLanguage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (language: Language) => api.put("/auth/language", userSchema, { language }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["session"] }),
  });
}
