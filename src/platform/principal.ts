import type { Role } from "../contracts/roles.ts";
import { AppError } from "./errors.ts";

/** What an API token may be used for; a route that names no scope takes no token. */
export const tokenScopes = ["read", "flows:write", "iati:import"] as const;
export type TokenScope = (typeof tokenScopes)[number];

export interface UserPrincipal {
  kind: "user";
  userId: string;
  email: string;
  role: Role;
  organizationId: string;
  organizationKind: string;
  /** The member state a focal point speaks for (the organization's country). */
  country: string | null;
  via: "session" | "token";
  /** Present when authenticated by an API token. */
  scopes?: readonly TokenScope[];
}

/**
 * Who is acting: nobody (the public), a user, or the platform itself (the demo seed and
 * operator commands run on the machine, which may do anything).
 */
export type Principal = { kind: "anonymous" } | UserPrincipal | { kind: "system"; label: string };

export const anonymous: Principal = { kind: "anonymous" };
export const systemPrincipal = (label: string): Principal => ({ kind: "system", label });

export function actorLabel(principal: Principal): string {
  if (principal.kind === "user") return principal.email;
  if (principal.kind === "system") return principal.label;
  return "anonymous";
}

export const actorUserId = (principal: Principal): string | null =>
  principal.kind === "user" ? principal.userId : null;

export const isStaff = (principal: Principal): boolean =>
  principal.kind === "system" ||
  (principal.kind === "user" && (principal.role === "secretariat" || principal.role === "admin"));

/** A policy's answer: allowed, or the reason shown in the 403. */
export type Decision = { allowed: true } | { allowed: false; reason: string };
export const allow: Decision = { allowed: true };
export const deny = (reason: string): Decision => ({ allowed: false, reason });

export function assertAllowed(decision: Decision): void {
  if (!decision.allowed) throw new AppError("forbidden", decision.reason);
}
