import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type Session, sessionSchema, type User } from "../../../contracts/accounts.ts";
import { okSchema } from "../../../contracts/shapes.ts";
import { api, setCsrfToken } from "../../api/client.ts";

const SESSION_KEY = ["session"] as const;

/** Who is signed in (null for the public); keeps the CSRF token for writes. */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      const session = await api.get("/auth/me", sessionSchema);
      setCsrfToken(session.csrf_token);
      return session;
    },
    staleTime: 60_000,
  });
}

export interface Credentials {
  email: string;
  password: string;
  totp?: string;
  recovery_code?: string;
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) => api.post("/auth/login", sessionSchema, credentials),
    onSuccess: (session: Session) => {
      setCsrfToken(session.csrf_token);
      client.setQueryData(SESSION_KEY, session);
      // What a signed-in person may see differs (drafts of their country): fetch again.
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== "session" });
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post("/auth/logout", okSchema),
    onSettled: () => {
      setCsrfToken(null);
      client.setQueryData<Session>(SESSION_KEY, {
        user: null,
        csrf_token: null,
        needs_totp_setup: false,
      });
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== "session" });
    },
  });
}

export const isStaff = (user: User) => user.role === "secretariat" || user.role === "admin";
