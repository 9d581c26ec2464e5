export type { User } from "./accounts.schema.ts";
export { authRoutes } from "./auth.routes.ts";
export { createUser, generatePassword } from "./create-user.ts";
export { findUsers, getUser } from "./find-users.ts";
export { resetPassword } from "./manage-password.ts";
export {
  actorLabel,
  actorUserId,
  allow,
  anonymous,
  assertAllowed,
  type Decision,
  deny,
  isStaff,
  type Principal,
  systemPrincipal,
  type UserPrincipal,
} from "./principal.ts";
export { updateUser } from "./update-user.ts";
export { userRoutes } from "./users.routes.ts";
